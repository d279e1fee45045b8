package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.catalog.ColumnCatalog;
import liquibase.ext.online.catalog.ColumnFacts;
import liquibase.ext.online.naming.GeneratedNames;
import liquibase.ext.online.plan.rename.RenameTarget;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.Index;
import liquibase.structure.core.StoredProcedure;

/**
 * The attributes both halves of a column rename share, and how a plan that depends on the catalog is run or
 * printed. The trigger and function names must be the same in both halves: they are how the contract finds
 * what the expand made.
 */
public abstract class AbstractColumnRenameChange extends AbstractOnlineTableChange {

    private String oldColumnName;
    private String newColumnName;
    private String triggerName;
    private String functionName;

    @DatabaseChangeProperty(description = "Current name of the column", exampleValue = "status",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getOldColumnName() {
        return oldColumnName;
    }

    public void setOldColumnName(String oldColumnName) {
        this.oldColumnName = oldColumnName;
    }

    @DatabaseChangeProperty(description = "New name of the column", exampleValue = "order_status",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getNewColumnName() {
        return newColumnName;
    }

    public void setNewColumnName(String newColumnName) {
        this.newColumnName = newColumnName;
    }

    @DatabaseChangeProperty(description = "Name of the trigger that keeps both columns equal; default: "
            + "online_sync_<old>_<new>, cut to 63 bytes with a hash", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getTriggerName() {
        return triggerName;
    }

    public void setTriggerName(String triggerName) {
        this.triggerName = triggerName;
    }

    @DatabaseChangeProperty(description = "Name of the trigger's function; default: "
            + "online_sync_<table>_<old>_<new>, cut to 63 bytes with a hash", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getFunctionName() {
        return functionName;
    }

    public void setFunctionName(String functionName) {
        this.functionName = functionName;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        for (String[] required : new String[][]{{"tableName", getTableName()}, {"oldColumnName", oldColumnName},
                {"newColumnName", newColumnName}}) {
            if (required[1] == null || required[1].isBlank()) {
                errors.addError(Messages.required(change, required[0]));
            }
        }
        if (oldColumnName != null && oldColumnName.equals(newColumnName)) {
            errors.addError(Messages.sameColumnNames(change, oldColumnName));
        }
    }

    protected RenameTarget target(Database database, String columnType, int batchSize, long pauseMillis) {
        RetryPolicy retry = retryPolicy();
        String trigger = triggerName != null ? triggerName : GeneratedNames.trigger(oldColumnName, newColumnName);
        String function = functionName != null ? functionName
                : GeneratedNames.function(getTableName(), oldColumnName, newColumnName);
        // Liquibase has no structure type for triggers; an index name is escaped by the same rules.
        return new RenameTarget(changeLabel(),
                table(database),
                database.escapeObjectName(oldColumnName, Column.class),
                database.escapeObjectName(newColumnName, Column.class), columnType,
                database.escapeObjectName(trigger, Index.class),
                database.escapeObjectName(getCatalogName(), getSchemaName(), function, StoredProcedure.class),
                batchSize, pauseMillis, retry, name -> database.escapeObjectName(name, Index.class));
    }

    /** The rename as its planners need it. */
    protected abstract RenameTarget target(Database database);

    /** The forward plan from the facts about the old column, or from null when they are unknown. */
    protected abstract Plan plan(RenameTarget target, ColumnFacts old);

    /** The rollback plan from the facts about the new column, or from null when they are unknown. */
    protected abstract Plan rollback(RenameTarget target, ColumnFacts renamed);

    @Override
    protected final Plan plan(Database database) {
        return plan(target(database), null);
    }

    @Override
    protected final Plan planForExecution(Database database, Connection connection) throws SQLException {
        RenameTarget target = target(database);
        Optional<ColumnFacts> old = new ColumnCatalog(connection).read(target.table().sql(), target.oldColumn());
        return old.isPresent() ? plan(target, old.get()) : planWithoutOldColumn(target, connection);
    }

    /** The plan when the old column is not there (or the table is not); null: the plan without facts. */
    protected Plan planWithoutOldColumn(RenameTarget target, Connection connection) throws SQLException {
        return null;
    }

    @Override
    protected String offlineNote(Database database) {
        RenameTarget target = target(database);
        return offlineNote(target, target.oldColumn());
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        RenameTarget target = target(database);
        return statements(database, rollback(target, null), connection -> new ColumnCatalog(connection)
                .read(target.table().sql(), target.newColumn()).map(facts -> rollback(target, facts)).orElse(null),
                offlineNote(target, target.newColumn()));
    }

    /** What update-sql says when it prints a plan without the facts about {@code column}. */
    private static String offlineNote(RenameTarget target, String column) {
        return Messages.renameFactsUnknown(target.changeLabel(), column, target.table().sql());
    }

    @Override
    public boolean supportsRollback(Database database) {
        return true;
    }
}
