package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.catalog.ColumnCatalog;
import liquibase.ext.online.catalog.ColumnFacts;
import liquibase.ext.online.naming.GeneratedNames;
import liquibase.ext.online.plan.rename.PrintedPlans;
import liquibase.ext.online.plan.rename.RenameTarget;
import liquibase.ext.online.statement.ExecutePlanStatement;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;
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

    /** Facts about {@code column} read on the live connection; null if the table or column does not exist. */
    protected static ColumnFacts facts(Connection connection, RenameTarget target, String column)
            throws SQLException {
        return new ColumnCatalog(connection).read(target.table().sql(), column).orElse(null);
    }

    /**
     * The statements that run (or, in update-sql, print) a plan whose steps depend on the catalog.
     *
     * @param planner makes the plan from the facts about {@code column}, or from null when they are unknown
     */
    protected SqlStatement[] statements(Database database, RenameTarget target, String column,
                                        BiFunction<RenameTarget, ColumnFacts, Plan> planner) {
        if (shouldExecuteChange(database)) {
            return new SqlStatement[]{new ExecutePlanStatement(planner.apply(target, null),
                    connection -> planner.apply(target, facts(connection, target, column)), database, this)};
        }
        // Only a printed script is worth a catalog read; Liquibase also renders the SQL for its own log.
        boolean script = isScriptOutput(database);
        Optional<ColumnFacts> facts = script
                ? ColumnCatalog.forScript(database, target.table().sql(), column) : Optional.empty();
        List<String> keys = script ? Catalog.keyForScript(database, target.table().sql()) : List.of();
        List<String> rendered = new ArrayList<>(PlanRenderer.render(
                PrintedPlans.withKeys(planner.apply(target, facts.orElse(null)), keys)));
        if (facts.isEmpty() && !rendered.isEmpty()) {
            rendered.set(0, "-- " + target.changeLabel() + ": column " + column + " of " + target.table().sql()
                    + " cannot be read now (the table is created by an earlier changeset, or there is no "
                    + "connection); its type, default, NOT NULL, indexes and constraints are read when the change "
                    + "runs and the steps that depend on them are not printed here.\n" + rendered.get(0));
        }
        return rendered.stream().map(RawParameterizedSqlStatement::new).toArray(SqlStatement[]::new);
    }

    @Override
    public boolean supportsRollback(Database database) {
        return true;
    }
}
