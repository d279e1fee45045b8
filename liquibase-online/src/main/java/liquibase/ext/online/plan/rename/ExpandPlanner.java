package liquibase.ext.online.plan.rename;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.ConstraintSteps;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.catalog.CatalogChecks;
import liquibase.ext.online.catalog.ColumnFacts;
import liquibase.ext.online.naming.GeneratedNames;

/**
 * Turns renameColumnWithTrigger into steps: after them the table has both columns, kept equal by a trigger, so
 * application versions using either name can run at the same time. Pure: the catalog facts are passed in.
 */
public final class ExpandPlanner {

    private final RenameTarget t;
    private final RenameSteps steps;

    public ExpandPlanner(RenameTarget target) {
        this.t = target;
        this.steps = new RenameSteps(target);
    }

    /**
     * @param old what the catalog says about the old column, or null when it cannot be asked (update-sql before
     *            the table exists): then only the steps that do not depend on it are planned
     */
    public Plan plan(ColumnFacts old) {
        String table = steps.table();
        List<Precondition> preconditions = new ArrayList<>(List.of(
                new Precondition.TableExists(t.table()),
                new Precondition.ColumnExists(t.table(), t.oldColumn(), "oldColumnName"),
                new Precondition.NoRows(CatalogChecks.primaryKeyWith(table, t.oldColumn()),
                        Messages.renamesPrimaryKey(t.changeLabel(), t.oldColumn(), table)),
                new Precondition.NoRows(CatalogChecks.identityOrGenerated(table, t.oldColumn()),
                        Messages.identityOrGenerated(t.changeLabel(), t.oldColumn(), table)),
                new Precondition.NoRows(CatalogChecks.columnExistsWithoutFunction(table, t.newColumn(), t.function()),
                        Messages.newColumnExists(t.changeLabel(), t.newColumn(), table, t.function())),
                new Precondition.UsableKey(t.table(), List.of())));
        if (old != null) {
            // Built with IF NOT EXISTS: another relation of the copy's name would silently stand in for it.
            old.indexes().forEach(index -> preconditions.add(new Precondition.IndexNameFree(t.table(),
                    copyName(index.name()), "index name (a copy of " + index.name() + ")", null)));
            // A constraint of the copy's name is skipped as an earlier run's work only if it is the copy.
            old.constraints().forEach(constraint -> constraintFits(preconditions, t.table(), constraint.name(),
                    constraint.foreignKey(), definition(constraint)));
            old.inboundKeys().forEach(key -> constraintFits(preconditions, new TableRef(null, key.table(),
                    key.table()), key.name(), true, definition(key)));
        }
        List<Step> plan = new ArrayList<>();
        // The function first: its existence marks a new column as this change's own work when a run is resumed.
        plan.add(steps.createFunction());
        String type = t.columnType() != null ? t.columnType() : old == null ? null : old.type();
        plan.add(type != null ? steps.addColumn(t.newColumn(), type)
                : steps.addColumnLike(t.newColumn(), t.oldColumn()));
        plan.add(steps.createTrigger());
        plan.add(steps.backfill(t.oldColumn(), t.newColumn()));
        if (old != null) {
            if (old.notNull()) {
                plan.addAll(notNull(old.postgresMajor()));
            }
            old.indexes().forEach(index -> plan.addAll(copy(index, old.schema())));
            old.constraints().forEach(constraint -> plan.addAll(copy(constraint)));
            old.inboundKeys().forEach(key -> plan.addAll(copy(key)));
        }
        plan.add(steps.verify());
        return new Plan(t.changeLabel(), preconditions, plan);
    }

    /** Undoes the expand; every step may be repeated. {@code added} describes the new column, or is null. */
    public Plan rollback(ColumnFacts added) {
        String table = steps.table();
        List<Step> plan = new ArrayList<>();
        plan.add(steps.dropTrigger());
        if (added != null) {
            added.inboundKeys().forEach(key -> plan.add(steps.dropConstraint(key.table(), key.quoted())));
            added.indexes().stream().filter(index -> !index.constraint()).forEach(index -> plan.add(
                    IndexSteps.dropConcurrently("drop index " + index.quoted(), table,
                            added.schema() + "." + index.quoted(), t.retry())));
        }
        plan.add(new SqlStep("drop column " + t.newColumn() + " with its constraints",
                "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + t.newColumn(), LockLevel.ACCESS_EXCLUSIVE,
                table, true, t.retry()));
        plan.add(steps.dropFunction());
        return new Plan(t.changeLabel(), List.of(new Precondition.TableExists(t.table())), plan);
    }

    /**
     * SET NOT NULL would scan the table under ACCESS EXCLUSIVE: PostgreSQL 18+ adds its own NOT NULL constraint
     * NOT VALID and validates it, older versions skip the scan with a validated helper CHECK.
     */
    private List<SqlStep> notNull(int postgresMajor) {
        String name = t.quote().apply(GeneratedNames.notNull(t.table().tableName(), steps.newName()));
        String check = t.quote().apply(GeneratedNames.notNullCheck(t.table().tableName(), steps.newName()));
        return ConstraintSteps.notNull(postgresMajor, steps.table(), t.newColumn(), name, check, t.retry());
    }

    private List<Step> copy(ColumnFacts.Index index, String schema) {
        String table = steps.table();
        String name = copyName(index.name());
        String definition = ColumnReferences.replace(index.definition(), steps.oldName(), t.newColumn());
        List<Step> copy = new ArrayList<>(IndexSteps.buildConcurrently("build index " + name + " as a copy of "
                + index.name() + " (writes go on)", table, schema + ".", name, "CREATE " + (index.unique() ? "UNIQUE "
                : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON " + table + " " + definition, t.retry()));
        if (index.constraint()) {
            copy.add(ConstraintSteps.uniqueUsingIndex(table, name, "", t.retry()));
        }
        return copy;
    }

    /** The escaped name of the copy of an index or constraint. */
    private String copyName(String original) {
        return t.quote().apply(GeneratedNames.copy(original, steps.oldName(), steps.newName()));
    }

    private List<SqlStep> copy(ColumnFacts.Constraint constraint) {
        return addValidated(steps.table(), constraint.name(), definition(constraint),
                constraint.foreignKey() ? LockLevel.SHARE_ROW_EXCLUSIVE : LockLevel.ACCESS_EXCLUSIVE);
    }

    private List<SqlStep> copy(ColumnFacts.InboundKey key) {
        return addValidated(key.table(), key.name(), definition(key), LockLevel.SHARE_ROW_EXCLUSIVE);
    }

    /** The definition of the copy: the constraint's own, on the new column. */
    private String definition(ColumnFacts.Constraint constraint) {
        return constraint.foreignKey()
                ? ColumnReferences.replaceInFirstList(constraint.definition(), 0, steps.oldName(), t.newColumn())
                : ColumnReferences.replace(constraint.definition(), steps.oldName(), t.newColumn());
    }

    private String definition(ColumnFacts.InboundKey key) {
        return ColumnReferences.replaceInFirstList(key.definition(), key.definition().indexOf(" REFERENCES "),
                steps.oldName(), t.newColumn());
    }

    /** A constraint of the copy's name must be the copy (an earlier run's, maybe NOT VALID), else refused. */
    private void constraintFits(List<Precondition> preconditions, TableRef table, String original, boolean foreignKey,
                                String definition) {
        ConstraintShape shape = ConstraintShape.printed(foreignKey, definition);
        if (shape != null) {
            preconditions.add(new Precondition.ConstraintFits(table, copyName(original),
                    "constraint name (a copy of " + original + ")", shape));
        }
    }

    /** NOT VALID takes its lock only for a moment; VALIDATE scans while writes go on. */
    private List<SqlStep> addValidated(String table, String original, String definition, LockLevel lock) {
        String name = copyName(original);
        return ConstraintSteps.notValidThenValidate("constraint (copy of " + original + ")", table, name, definition,
                lock, t.retry());
    }
}
