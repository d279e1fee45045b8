package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.naming.GeneratedNames;
import liquibase.ext.online.naming.Identifiers;
import liquibase.ext.online.plan.notnull.NotNullPlanner;
import liquibase.ext.online.plan.NotNullSpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.Table;

/**
 * {@code addNotNullConstraint} without {@code SET NOT NULL}'s full scan under ACCESS EXCLUSIVE: NULLs are filled
 * in batches from {@code defaultNullValue}, then NOT NULL is added NOT VALID and validated while the application
 * reads and writes. Which of the two ways (PostgreSQL 18's own NOT VALID, or a helper check) is decided when the
 * change runs, from the server version.
 */
@DatabaseChange(name = "addNotNullConstraintOnline",
        description = "Makes a column NOT NULL without blocking the application: NULLs are filled in batches from "
                + "defaultNullValue, then the constraint is added NOT VALID (a CHECK before PostgreSQL 18) and "
                + "validated under SHARE UPDATE EXCLUSIVE. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class AddNotNullConstraintOnlineChange extends AbstractBatchedChange {

    private String columnName;
    private String defaultNullValue;
    private String columnDataType;
    private String constraintName;
    private Boolean validate;

    @DatabaseChangeProperty(description = "Column to make NOT NULL", exampleValue = "status",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getColumnName() {
        return columnName;
    }

    public void setColumnName(String columnName) {
        this.columnName = columnName;
    }

    @DatabaseChangeProperty(description = "Value for rows where the column IS NULL, filled in batches first; "
            + "without it, NULLs stop the change before its first statement",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getDefaultNullValue() {
        return defaultNullValue;
    }

    public void setDefaultNullValue(String defaultNullValue) {
        this.defaultNullValue = defaultNullValue;
    }

    @DatabaseChangeProperty(description = "As in addNotNullConstraint; not needed on PostgreSQL",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getColumnDataType() {
        return columnDataType;
    }

    public void setColumnDataType(String columnDataType) {
        this.columnDataType = columnDataType;
    }

    @DatabaseChangeProperty(description = "Name of the NOT NULL constraint on PostgreSQL 18+ "
            + "(default <table>_<column>_not_null)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getConstraintName() {
        return constraintName;
    }

    public void setConstraintName(String constraintName) {
        this.constraintName = constraintName;
    }

    @DatabaseChangeProperty(description = "Only true (the default) is supported: the constraint is always "
            + "validated, without blocking", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getValidate() {
        return validate;
    }

    public void setValidate(Boolean validate) {
        this.validate = validate;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        requireTableName(errors);
        required(errors, "columnName", columnName);
        validateNotFalse(errors, validate);
    }

    /** Without the database: the helper-check way, which works on every supported version. */
    @Override
    protected Plan plan(Database database) {
        return NotNullPlanner.plan(spec(database), PostgresVersions.MIN_MAJOR);
    }

    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        return NotNullPlanner.plan(spec(database), Catalog.serverMajor(connection));
    }

    NotNullSpec spec(Database database) {
        String column = columnName == null ? null : database.escapeObjectName(columnName, Column.class);
        String notNullName = GeneratedNames.notNull(String.valueOf(getTableName()), String.valueOf(columnName));
        return new NotNullSpec(changeLabel(), table(database), column,
                defaultNullValue == null ? null : "'" + defaultNullValue.replace("'", "''") + "'",
                database.escapeObjectName(Identifiers.notNullCheck(String.valueOf(getTableName()),
                        String.valueOf(columnName)), Table.class),
                database.escapeObjectName(isBlank(constraintName) ? notNullName : constraintName, Table.class),
                batchSize(), pauseMillis(), retryPolicy());
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /** DROP NOT NULL (catalog only); the values filled from defaultNullValue stay. */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        Plan rollback = NotNullPlanner.rollback(spec(database));
        return statements(rollback, database);
    }

    @Override
    public String getConfirmationMessage() {
        return "Column " + getTableName() + "." + columnName + " made NOT NULL online";
    }
}
