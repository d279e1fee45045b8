package liquibase.ext.online.plan.rename;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.catalog.CatalogChecks;
import liquibase.ext.online.catalog.ColumnFacts;

/**
 * Turns completeColumnRename into steps: once no application version uses the old name any more, the old
 * column, the trigger and its function go. Pure: the catalog facts are passed in.
 */
public final class ContractPlanner {

    private final RenameTarget t;
    private final RenameSteps steps;

    public ContractPlanner(RenameTarget target) {
        this.t = target;
        this.steps = new RenameSteps(target);
    }

    /** @param old what the catalog says about the old column, or null when it cannot be asked (update-sql) */
    public Plan plan(ColumnFacts old) {
        String table = steps.table();
        List<Precondition> preconditions = List.of(
                new Precondition.TableExists(t.table()),
                new Precondition.ColumnExists(t.table(), t.newColumn(), "newColumnName"),
                new Precondition.NoRows(CatalogChecks.triggerMissing(table, t.trigger()),
                        Messages.noExpandTrigger(t.changeLabel(), t.trigger(), table, t.oldColumn())),
                new Precondition.ColumnExists(t.table(), t.oldColumn(), "oldColumnName"),
                new Precondition.NoRows(CatalogChecks.dependentsOf(table, t.oldColumn()),
                        Messages.oldColumnInUse(t.changeLabel(), t.oldColumn(), table)));
        List<Step> plan = new ArrayList<>();
        plan.add(steps.verify());
        if (old != null) {
            // Only now: while the trigger ran, a default on the new column would have hidden what the old
            // application version inserted.
            if (old.defaultSql() != null) {
                plan.add(new SqlStep("give " + t.newColumn() + " the default of " + t.oldColumn(),
                        "ALTER TABLE " + table + " ALTER COLUMN " + t.newColumn() + " SET DEFAULT " + old.defaultSql(),
                        LockLevel.ACCESS_EXCLUSIVE, table, true, t.retry()));
            }
            old.inboundKeys().forEach(key -> plan.add(steps.dropConstraint(key.table(), key.quoted())));
        }
        // One transaction: between dropping the column and dropping the trigger, every write would fail on the
        // trigger's reference to the dropped column.
        plan.add(new SqlStep("drop trigger " + t.trigger() + ", column " + t.oldColumn()
                + " (with its indexes and constraints) and function " + t.function() + ", in one transaction",
                "DROP TRIGGER IF EXISTS " + t.trigger() + " ON " + table + ";\n"
                        + "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + t.oldColumn() + ";\n"
                        + "DROP FUNCTION IF EXISTS " + t.function() + "()",
                LockLevel.ACCESS_EXCLUSIVE, table, true, t.retry()));
        return new Plan(t.changeLabel(), preconditions, plan);
    }

    /**
     * True when the contract's end state is there: the new column exists, the old one does not, and neither the
     * trigger nor its function is left.
     */
    public String completeQuery() {
        String table = steps.table();
        return CatalogGuards.columnExists(table, t.newColumn()) + " AND NOT "
                + CatalogGuards.columnExists(table, t.oldColumn()).substring("SELECT ".length())
                + " AND NOT (" + CatalogChecks.triggerExists(table, t.trigger()) + ")"
                + " AND to_regprocedure(" + CatalogGuards.literal(t.function() + "()") + ") IS NULL";
    }

    /** Nothing to do: {@link #completeQuery} answered true when the change started. */
    public Plan alreadyComplete() {
        return new Plan(t.changeLabel(), List.of(new Precondition.TableExists(t.table())), List.of());
    }

    /**
     * Back to the expanded state: the old column again, filled from the new one and kept equal by the trigger.
     * {@code renamed} describes the new column, or is null when the catalog cannot be asked.
     */
    public Plan rollback(ColumnFacts renamed) {
        String table = steps.table();
        List<Precondition> preconditions = List.of(
                new Precondition.TableExists(t.table()),
                new Precondition.ColumnExists(t.table(), t.newColumn(), "newColumnName"),
                new Precondition.UsableKey(t.table(), List.of()));
        List<Step> plan = new ArrayList<>();
        plan.add(steps.createFunction());
        if (renamed != null) {
            plan.add(steps.addColumn(t.oldColumn(), renamed.type()));
        }
        plan.add(steps.createTrigger());
        plan.add(steps.backfill(t.newColumn(), t.oldColumn()));
        if (renamed != null && renamed.defaultSql() != null) {
            plan.add(new SqlStep("move the default back to " + t.oldColumn(),
                    "ALTER TABLE " + table + " ALTER COLUMN " + t.oldColumn() + " SET DEFAULT " + renamed.defaultSql()
                            + ", ALTER COLUMN " + t.newColumn() + " DROP DEFAULT",
                    LockLevel.ACCESS_EXCLUSIVE, table, true, t.retry()));
        }
        plan.add(steps.verify());
        return new Plan(t.changeLabel(), preconditions, plan);
    }
}
