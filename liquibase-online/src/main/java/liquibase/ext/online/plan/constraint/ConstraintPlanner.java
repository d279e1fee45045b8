package liquibase.ext.online.plan.constraint;

import java.util.ArrayList;
import java.util.List;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.ConstraintSteps;
import liquibase.ext.online.plan.ForeignKeySpec;
import liquibase.ext.online.plan.IndexShape;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.TableRef;

/**
 * Plans for the constraint change types: {@code addForeignKeyConstraintOnline}, {@code addUniqueConstraintOnline},
 * {@code addCheckConstraintOnline}. The scan each constraint needs runs under SHARE UPDATE EXCLUSIVE (VALIDATE, or
 * an index built CONCURRENTLY); the stronger locks only change the catalog, under lock_timeout.
 */
public final class ConstraintPlanner {

    private ConstraintPlanner() {
    }

    public static Plan foreignKey(ForeignKeySpec spec) {
        String table = spec.base().sql();
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.base()));
        spec.baseColumns().forEach(c -> preconditions.add(new Precondition.ColumnExists(spec.base(), c,
                "baseColumnNames")));
        preconditions.add(new Precondition.ReferencedColumns(spec.referenced(), spec.referencedColumns(),
                "referencedTableName/referencedColumnNames"));
        preconditions.add(new Precondition.ConstraintFits(spec.base(), spec.name(), "constraintName",
                ConstraintShape.foreignKey(spec)));
        List<Step> steps = new ArrayList<>();
        String columns = String.join(", ", spec.baseColumns());
        if (spec.index() != null) {
            preconditions.add(new Precondition.IndexNameFree(spec.base(), spec.index(), "indexName",
                    new IndexShape(false, spec.baseColumns(), false)));
            steps.addAll(IndexSteps.buildConcurrently("build index " + spec.index() + " on the referencing columns ("
                    + columns + ") concurrently", table, spec.schemaPrefix(), spec.index(),
                    "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + spec.index() + " ON " + table + " (" + columns + ")",
                    spec.retry()));
        }
        steps.addAll(ConstraintSteps.notValidThenValidate("foreign key", table, spec.name(),
                "FOREIGN KEY (" + columns + ") REFERENCES " + spec.referenced().sql() + " ("
                        + String.join(", ", spec.referencedColumns()) + ")" + spec.options(),
                LockLevel.SHARE_ROW_EXCLUSIVE, spec.retry()));
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    public static Plan dropForeignKey(ForeignKeySpec spec) {
        List<Step> steps = new ArrayList<>();
        steps.add(ConstraintSteps.dropForeignKey(spec.base().sql(), spec.referenced().sql(), spec.name(),
                spec.retry()));
        if (spec.index() != null) {
            steps.add(IndexSteps.dropConcurrently("drop index " + spec.index() + " concurrently", spec.base().sql(),
                    spec.schemaPrefix() + spec.index(), spec.retry()));
        }
        return new Plan(spec.changeLabel() + " (rollback)", List.of(), steps);
    }

    /**
     * The unique index is built CONCURRENTLY under the constraint's name, then attached as the constraint. Rows
     * are checked for duplicates first, so a doomed build does not scan the whole table for nothing.
     *
     * @param index   the index to build, named as the constraint
     * @param options e.g. {@code " DEFERRABLE INITIALLY DEFERRED"}, or empty
     */
    public static Plan unique(IndexSpec index, String options) {
        String table = index.table().sql();
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(index.table()));
        index.plainColumns().forEach(c -> preconditions.add(new Precondition.ColumnExists(index.table(), c,
                "columnNames")));
        preconditions.add(new Precondition.ConstraintFits(index.table(), index.name(), "constraintName",
                ConstraintShape.unique(index.keys(), options)));
        preconditions.add(new Precondition.IndexNameFree(index.table(), index.name(), "constraintName",
                IndexShape.of(true, index.keys(), index.plainColumns(), index.where() != null)));
        preconditions.add(new Precondition.NoDuplicates(index.table(), index.keys(), null,
                CatalogGuards.validIndexExists(table, index.name())));
        List<Step> steps = new ArrayList<>(IndexSteps.buildConcurrently("build unique index " + index.name() + " on ("
                + String.join(", ", index.keys()) + ") concurrently", table, index.schemaPrefix(), index.name(),
                index.createSql(), index.retry()));
        steps.add(ConstraintSteps.uniqueUsingIndex(table, index.name(), options, index.retry()));
        return new Plan(index.changeLabel(), preconditions, steps);
    }

    /** Dropping the constraint drops its index; an index left without its constraint is dropped on its own. */
    public static Plan dropUnique(IndexSpec index) {
        String table = index.table().sql();
        return new Plan(index.changeLabel() + " (rollback)", List.of(), List.of(
                ConstraintSteps.dropConstraint(table, index.name(), LockLevel.ACCESS_EXCLUSIVE, index.retry()),
                IndexSteps.dropConcurrently("drop index " + index.name() + " concurrently, if it is left without its "
                        + "constraint", table, index.schemaPrefix() + index.name(), index.retry())));
    }

    public static Plan check(String changeLabel, TableRef table, String name, String condition, RetryPolicy retry) {
        return new Plan(changeLabel, List.of(new Precondition.TableExists(table),
                new Precondition.ConstraintFits(table, name, "constraintName", ConstraintShape.check(condition))),
                new ArrayList<>(ConstraintSteps.notValidThenValidate("check", table.sql(), name,
                        "CHECK (" + condition + ")", LockLevel.ACCESS_EXCLUSIVE, retry)));
    }

    public static Plan dropConstraint(String changeLabel, TableRef table, String name, LockLevel lock,
                                      RetryPolicy retry) {
        return new Plan(changeLabel + " (rollback)", List.of(),
                List.of(ConstraintSteps.dropConstraint(table.sql(), name, lock, retry)));
    }
}
