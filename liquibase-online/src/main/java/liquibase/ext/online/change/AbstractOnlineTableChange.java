package liquibase.ext.online.change;

import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.plan.TableRef;
import liquibase.structure.core.Schema;

/** An online change on one table, named as core change types name it: catalogName, schemaName, tableName. */
public abstract class AbstractOnlineTableChange extends AbstractOnlineChange {

    private String catalogName;
    private String schemaName;
    private String tableName;

    @DatabaseChangeProperty(description = "Catalog of the table (ignored on PostgreSQL)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getCatalogName() {
        return catalogName;
    }

    public void setCatalogName(String catalogName) {
        this.catalogName = catalogName;
    }

    @DatabaseChangeProperty(description = "Schema of the table; default: the connection's default schema",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getSchemaName() {
        return schemaName;
    }

    public void setSchemaName(String schemaName) {
        this.schemaName = schemaName;
    }

    @DatabaseChangeProperty(description = "Name of the table", exampleValue = "orders",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** tableName is required. */
    protected final void requireTableName(ValidationErrors errors) {
        required(errors, "tableName", tableName);
    }

    protected TableRef table(Database database) {
        return new TableRef(schemaName, tableName, database.escapeTableName(catalogName, schemaName, tableName));
    }

    /** The escaped schema and a dot, to name an index in DROP INDEX; empty for the default schema. */
    protected String schemaPrefix(Database database) {
        return schemaName == null ? "" : database.escapeObjectName(schemaName, Schema.class) + ".";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
