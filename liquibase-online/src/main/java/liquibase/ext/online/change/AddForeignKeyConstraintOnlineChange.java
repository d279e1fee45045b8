package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.constraint.ConstraintPlanner;
import liquibase.ext.online.plan.ForeignKeySpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.plan.partition.PartitionedForeignKeyPlanner;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.Schema;

/**
 * {@code addForeignKeyConstraint} without a scan under SHARE ROW EXCLUSIVE (which blocks writes on both tables):
 * the key is added NOT VALID, a catalog-only step under lock_timeout, and validated while the application reads
 * and writes. With {@code createIndex="true"} an index on the referencing columns is built CONCURRENTLY first.
 */
@DatabaseChange(name = "addForeignKeyConstraintOnline",
        description = "Adds a foreign key NOT VALID (catalog only, under lock_timeout), then validates it under "
                + "SHARE UPDATE EXCLUSIVE while the application reads and writes. createIndex=\"true\" first builds "
                + "an index on the referencing columns CONCURRENTLY. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "table", since = "0.1.0")
public class AddForeignKeyConstraintOnlineChange extends AbstractOnlineChange {

    private static final Set<String> ACTIONS = Set.of("CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION");

    private String baseTableCatalogName;
    private String baseTableSchemaName;
    private String baseTableName;
    private String baseColumnNames;
    private String referencedTableCatalogName;
    private String referencedTableSchemaName;
    private String referencedTableName;
    private String referencedColumnNames;
    private String constraintName;
    private Boolean deferrable;
    private Boolean initiallyDeferred;
    private String onUpdate;
    private String onDelete;
    private Boolean deleteCascade;
    private Boolean validate;
    private Boolean createIndex;
    private String indexName;

    @DatabaseChangeProperty(description = "Catalog of the referencing table (ignored on PostgreSQL)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getBaseTableCatalogName() {
        return baseTableCatalogName;
    }

    public void setBaseTableCatalogName(String baseTableCatalogName) {
        this.baseTableCatalogName = baseTableCatalogName;
    }

    @DatabaseChangeProperty(description = "Schema of the referencing table", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getBaseTableSchemaName() {
        return baseTableSchemaName;
    }

    public void setBaseTableSchemaName(String baseTableSchemaName) {
        this.baseTableSchemaName = baseTableSchemaName;
    }

    @DatabaseChangeProperty(description = "The referencing table", exampleValue = "orders",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getBaseTableName() {
        return baseTableName;
    }

    public void setBaseTableName(String baseTableName) {
        this.baseTableName = baseTableName;
    }

    @DatabaseChangeProperty(description = "Comma-separated referencing columns", exampleValue = "customer_id",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getBaseColumnNames() {
        return baseColumnNames;
    }

    public void setBaseColumnNames(String baseColumnNames) {
        this.baseColumnNames = baseColumnNames;
    }

    @DatabaseChangeProperty(description = "Catalog of the referenced table (ignored on PostgreSQL)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getReferencedTableCatalogName() {
        return referencedTableCatalogName;
    }

    public void setReferencedTableCatalogName(String referencedTableCatalogName) {
        this.referencedTableCatalogName = referencedTableCatalogName;
    }

    @DatabaseChangeProperty(description = "Schema of the referenced table", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getReferencedTableSchemaName() {
        return referencedTableSchemaName;
    }

    public void setReferencedTableSchemaName(String referencedTableSchemaName) {
        this.referencedTableSchemaName = referencedTableSchemaName;
    }

    @DatabaseChangeProperty(description = "The referenced table", exampleValue = "customers",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getReferencedTableName() {
        return referencedTableName;
    }

    public void setReferencedTableName(String referencedTableName) {
        this.referencedTableName = referencedTableName;
    }

    @DatabaseChangeProperty(description = "Comma-separated referenced columns", exampleValue = "id",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getReferencedColumnNames() {
        return referencedColumnNames;
    }

    public void setReferencedColumnNames(String referencedColumnNames) {
        this.referencedColumnNames = referencedColumnNames;
    }

    @DatabaseChangeProperty(description = "Name of the foreign key", exampleValue = "orders_customer_fk",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getConstraintName() {
        return constraintName;
    }

    public void setConstraintName(String constraintName) {
        this.constraintName = constraintName;
    }

    @DatabaseChangeProperty(description = "DEFERRABLE", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getDeferrable() {
        return deferrable;
    }

    public void setDeferrable(Boolean deferrable) {
        this.deferrable = deferrable;
    }

    @DatabaseChangeProperty(description = "INITIALLY DEFERRED", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public Boolean getInitiallyDeferred() {
        return initiallyDeferred;
    }

    public void setInitiallyDeferred(Boolean initiallyDeferred) {
        this.initiallyDeferred = initiallyDeferred;
    }

    @DatabaseChangeProperty(description = "ON UPDATE action: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getOnUpdate() {
        return onUpdate;
    }

    public void setOnUpdate(String onUpdate) {
        this.onUpdate = onUpdate;
    }

    @DatabaseChangeProperty(description = "ON DELETE action: CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getOnDelete() {
        return onDelete;
    }

    public void setOnDelete(String onDelete) {
        this.onDelete = onDelete;
    }

    @DatabaseChangeProperty(description = "Same as onDelete=\"CASCADE\" (as in addForeignKeyConstraint)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getDeleteCascade() {
        return deleteCascade;
    }

    public void setDeleteCascade(Boolean deleteCascade) {
        this.deleteCascade = deleteCascade;
    }

    @DatabaseChangeProperty(description = "Only true (the default) is supported", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public Boolean getValidate() {
        return validate;
    }

    public void setValidate(Boolean validate) {
        this.validate = validate;
    }

    @DatabaseChangeProperty(description = "First build an index on the referencing columns, CONCURRENTLY "
            + "(default false)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getCreateIndex() {
        return createIndex;
    }

    public void setCreateIndex(Boolean createIndex) {
        this.createIndex = createIndex;
    }

    @DatabaseChangeProperty(description = "Name of that index (default <table>_<columns>_idx)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        required(errors, "baseTableName", baseTableName);
        required(errors, "baseColumnNames", baseColumnNames);
        required(errors, "referencedTableName", referencedTableName);
        required(errors, "referencedColumnNames", referencedColumnNames);
        required(errors, "constraintName", constraintName);
        if (baseColumnNames != null && referencedColumnNames != null
                && list(baseColumnNames).size() != list(referencedColumnNames).size()) {
            errors.addError(Messages.columnCountsDiffer(change, list(baseColumnNames).size(),
                    list(referencedColumnNames).size()));
        }
        action(errors, "onUpdate", onUpdate);
        action(errors, "onDelete", onDelete);
        if (Boolean.TRUE.equals(deleteCascade) && onDelete != null) {
            errors.addError(Messages.deleteCascadeAndOnDelete(change));
        }
        validateNotFalse(errors, validate);
        if (indexName != null && !Boolean.TRUE.equals(createIndex)) {
            errors.addError(Messages.indexNameNeedsCreateIndex(change));
        }
    }

    private void action(ValidationErrors errors, String attribute, String value) {
        if (value != null && !ACTIONS.contains(value.trim().toUpperCase(Locale.ROOT))) {
            errors.addError(Messages.notAnAction(changeLabel(), attribute, value));
        }
    }


    @Override
    protected Plan plan(Database database) {
        return ConstraintPlanner.foreignKey(spec(database));
    }

    /** On a partitioned table the plan depends on the server version and the partitions; see the planner. */
    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        ForeignKeySpec spec = spec(database);
        return PartitionedForeignKeyPlanner.plan(spec, PartitionTree.read(connection, spec.base().sql()).orElse(null),
                Catalog.serverMajor(connection));
    }

    /** update-sql without the catalog prints the plain plan, with a note that a partitioned table gets another. */
    @Override
    protected String offlineNote(Database database) {
        return Messages.foreignKeyPartitionsUnknown(spec(database).base().sql());
    }

    ForeignKeySpec spec(Database database) {
        TableRef base = new TableRef(baseTableSchemaName, baseTableName,
                database.escapeTableName(baseTableCatalogName, baseTableSchemaName, baseTableName));
        TableRef referenced = new TableRef(referencedTableSchemaName, referencedTableName,
                database.escapeTableName(referencedTableCatalogName, referencedTableSchemaName, referencedTableName));
        String index = null;
        if (Boolean.TRUE.equals(createIndex)) {
            index = database.escapeObjectName(indexName != null ? indexName : AddColumnSpecs.name(
                    String.valueOf(baseTableName), String.join("_", list(baseColumnNames)), "idx"), Index.class);
        }
        return new ForeignKeySpec(changeLabel(), base, escaped(baseColumnNames, database), referenced,
                escaped(referencedColumnNames, database),
                constraintName == null ? null : database.escapeObjectName(constraintName, ForeignKey.class),
                options(), index,
                baseTableSchemaName == null ? "" : database.escapeObjectName(baseTableSchemaName, Schema.class) + ".",
                retryPolicy());
    }

    private String options() {
        String delete = Boolean.TRUE.equals(deleteCascade) ? "CASCADE" : onDelete;
        return (delete == null ? "" : " ON DELETE " + delete.trim().toUpperCase(Locale.ROOT))
                + (onUpdate == null ? "" : " ON UPDATE " + onUpdate.trim().toUpperCase(Locale.ROOT))
                + (Boolean.TRUE.equals(deferrable) ? " DEFERRABLE" : "")
                + (Boolean.TRUE.equals(initiallyDeferred) ? " INITIALLY DEFERRED" : "");
    }

    private static List<String> escaped(String columns, Database database) {
        return list(columns).stream().map(c -> database.escapeObjectName(c, Column.class)).toList();
    }

    private static List<String> list(String columns) {
        if (columns == null) {
            return List.of();
        }
        return Arrays.stream(columns.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return statements(ConstraintPlanner.dropForeignKey(spec(database)), database);
    }

    @Override
    public String getConfirmationMessage() {
        return "Foreign key " + constraintName + " added online to " + baseTableName;
    }
}
