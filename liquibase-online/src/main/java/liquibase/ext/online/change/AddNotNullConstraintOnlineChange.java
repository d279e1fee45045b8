package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.Identifiers;
import liquibase.ext.online.plan.NotNullPlanner;
import liquibase.ext.online.plan.NotNullSpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.render.PlanRenderer;
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
public class AddNotNullConstraintOnlineChange extends AbstractOnlineTableChange implements ThrottledChange {

    private String columnName;
    private String defaultNullValue;
    private String columnDataType;
    private String constraintName;
    private Boolean validate;
    private Integer batchSize;
    private Long pauseMillis;
    private String maxReplicationLag;

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

    @DatabaseChangeProperty(description = "Rows per batch when NULLs are filled (default: liquibase.online.batchSize)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    @DatabaseChangeProperty(description = "Milliseconds to sleep between batches (default 0)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Long getPauseMillis() {
        return pauseMillis;
    }

    public void setPauseMillis(Long pauseMillis) {
        this.pauseMillis = pauseMillis;
    }

    @DatabaseChangeProperty(description = "Wait before a batch while a streaming standby is more than this much WAL "
            + "behind, e.g. 64MB, 512kB or 1GB; off never waits (default: liquibase.online.maxReplicationLag, 64MB)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    @Override
    public String getMaxReplicationLag() {
        return maxReplicationLag;
    }

    public void setMaxReplicationLag(String maxReplicationLag) {
        this.maxReplicationLag = maxReplicationLag;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        if (isBlank(getTableName())) {
            errors.addError(Messages.required(change, "tableName"));
        }
        if (isBlank(columnName)) {
            errors.addError(Messages.required(change, "columnName"));
        }
        if (Boolean.FALSE.equals(validate)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "validate=\"false\"", "the online way "
                    + "validates without blocking the application; remove it."));
        }
        validateBatching(errors, batchSize, pauseMillis);
    }

    /** Without the database: the helper-check way, which works on every supported version. */
    @Override
    protected Plan plan(Database database) {
        return NotNullPlanner.plan(spec(database), 12);
    }

    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        return NotNullPlanner.plan(spec(database), connection.getMetaData().getDatabaseMajorVersion());
    }

    /** update-sql prints the way update would take on this server, and the key the batches walk by. */
    @Override
    protected List<String> renderForScript(Plan plan, Database database) {
        if (!isScriptOutput(database) || !(database.getConnection() instanceof JdbcConnection)) {
            return PlanRenderer.render(plan);
        }
        try {
            plan = NotNullPlanner.plan(spec(database), database.getDatabaseMajorVersion());
        } catch (DatabaseException | RuntimeException e) {
            // an unreadable version leaves the plan that works everywhere
        }
        return PlanRenderer.render(withBackfillKeys(plan, database));
    }

    NotNullSpec spec(Database database) {
        String column = columnName == null ? null : database.escapeObjectName(columnName, Column.class);
        String notNullName = AddColumnSpecs.name(String.valueOf(getTableName()), String.valueOf(columnName), "not_null");
        return new NotNullSpec(changeLabel(), table(database), column,
                defaultNullValue == null ? null : "'" + defaultNullValue.replace("'", "''") + "'",
                database.escapeObjectName(Identifiers.notNullCheck(String.valueOf(getTableName()),
                        String.valueOf(columnName)), Table.class),
                database.escapeObjectName(isBlank(constraintName) ? notNullName : constraintName, Table.class),
                OnlineSettings.batchSize(batchSize), OnlineSettings.pauseMillis(pauseMillis), retryPolicy());
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /** DROP NOT NULL (catalog only); the values filled from defaultNullValue stay. */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return statementsFor(NotNullPlanner.rollback(spec(database)), database);
    }

    @Override
    public String getConfirmationMessage() {
        return "Column " + getTableName() + "." + columnName + " made NOT NULL online";
    }
}
