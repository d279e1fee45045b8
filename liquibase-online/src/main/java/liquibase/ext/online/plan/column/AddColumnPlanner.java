package liquibase.ext.online.plan.column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.NewColumn.DefaultKind;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.ConstraintSteps;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;

/**
 * Turns an {@code addColumnOnline} change into steps that never hold a lock the application queues behind for
 * longer than one short statement. Pure: what only the database knows comes in as {@link Facts}.
 * <p>
 * Every step can be repeated: it is skipped when its effect is already in place ({@code doneWhen}) or is
 * idempotent by itself, because Liquibase runs an interrupted changeset again from its first step.
 */
public final class AddColumnPlanner {

    /**
     * @param postgresMajor      the server's major version
     * @param nonVolatileDefaults default expressions the database confirmed are not volatile; any other expression
     *                           is treated as volatile, the safe assumption
     */
    public record Facts(int postgresMajor, Set<String> nonVolatileDefaults) {

        public Facts {
            nonVolatileDefaults = Set.copyOf(nonVolatileDefaults);
        }

        /** What update-sql assumes when it cannot ask the database: every expression may be volatile. */
        public static Facts unknown() {
            return new Facts(PostgresVersions.MIN_MAJOR, Set.of());
        }
    }

    private final AddColumnSpec spec;
    private final String table;
    private final List<Step> steps = new ArrayList<>();

    private AddColumnPlanner(AddColumnSpec spec) {
        this.spec = spec;
        this.table = spec.table().sql();
    }

    public static Plan plan(AddColumnSpec spec, Facts facts) {
        return new AddColumnPlanner(spec).forward(facts);
    }

    public static Plan rollback(AddColumnSpec spec) {
        return new AddColumnPlanner(spec).backward();
    }

    /**
     * Whether existing rows get a {@code value*} in batches. Core addColumn sets them in one UPDATE of the whole
     * table; here the column is added empty and the rows are walked.
     */
    public static boolean fillsExistingRows(NewColumn column) {
        return column.valueSql() != null;
    }

    /**
     * NOT NULL with neither a default nor a value: {@code ADD COLUMN ... NOT NULL} works on an empty table only,
     * as under core addColumn; the preflight refuses a table with rows before any change.
     */
    public static boolean needsEmptyTable(NewColumn column) {
        return column.notNull() && column.defaultKind() == DefaultKind.NONE && column.valueSql() == null;
    }

    /** Whether the column is added empty and filled in batches (its default would otherwise rewrite the table). */
    public static boolean needsBackfill(NewColumn column, Facts facts) {
        return switch (column.defaultKind()) {
            case NONE -> false;
            case LITERAL -> false;
            case EXPRESSION -> !facts.nonVolatileDefaults().contains(column.defaultSql());
        };
    }

    private Plan forward(Facts facts) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.table()));
        boolean backfills = false;
        for (NewColumn column : spec.columns()) {
            boolean backfill = needsBackfill(column, facts) || fillsExistingRows(column);
            backfills |= backfill;
            preconditions.add(new Precondition.NewColumnFits(spec.table(), column.name(), column.type(),
                    column.notNull(), backfill));
            if (needsEmptyTable(column)) {
                preconditions.add(new Precondition.NoRows("SELECT to_regclass(" + CatalogGuards.literal(table)
                        + ")::text WHERE NOT (" + CatalogGuards.columnExists(table, column.name()) + ") AND EXISTS "
                        + "(SELECT 1 FROM " + table + ")", Messages.notNullNeedsEmptyTable(spec.changeLabel(),
                        column.name())));
            }
            NewColumn.ForeignKey fk = column.foreignKey();
            if (fk != null) {
                preconditions.add(new Precondition.ReferencedColumns(fk.referenced(), fk.referencedColumns(),
                        fk.attribute()));
                preconditions.add(new Precondition.ConstraintFits(spec.table(), fk.name(), "foreignKeyName",
                        ConstraintShape.foreignKey(List.of(column.name()), fk.referenced(), fk.referencedColumns(),
                                fk.options())));
            }
            if (column.check() != null) {
                preconditions.add(new Precondition.ConstraintFits(spec.table(), column.check().name(),
                        "checkConstraint", ConstraintShape.check(column.check().expression())));
            }
        }
        if (backfills) {
            preconditions.add(new Precondition.UsableKey(spec.table(), List.of()));
        }
        for (NewColumn column : spec.columns()) {
            if (fillsExistingRows(column)) {
                addEmptyThenFill(column, facts);
            } else if (needsBackfill(column, facts)) {
                addEmptyThenBackfill(column, facts);
            } else {
                addInOneStatement(column);
            }
            comment(column);
            unique(column);
            foreignKey(column);
            check(column);
            index(column);
        }
        if (Boolean.TRUE.equals(spec.analyze()) || (spec.analyze() == null && backfills)) {
            steps.add(new SqlStep("update the planner statistics of " + table, "ANALYZE " + table,
                    LockLevel.SHARE_UPDATE_EXCLUSIVE, table, false, spec.retry()));
        }
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    /** No default, or one PostgreSQL stores in the catalog: a metadata-only change, NOT NULL included. */
    private void addInOneStatement(NewColumn column) {
        String definition = column.type()
                + (column.defaultSql() == null ? "" : " DEFAULT " + column.defaultSql())
                + (column.notNull() ? (column.notNullName() == null ? "" : " CONSTRAINT " + column.notNullName())
                + " NOT NULL" : "");
        tx("add column " + column.name() + " " + definition + " (catalog only, no table rewrite"
                        + (needsEmptyTable(column) ? "; only on an empty table: update refuses, before any change, "
                        + "a table with rows" : "") + ")",
                alter("ADD COLUMN " + column.name() + " " + definition), LockLevel.ACCESS_EXCLUSIVE,
                CatalogGuards.columnExists(table, column.name()));
    }

    /**
     * A volatile default would rewrite the table under ACCESS EXCLUSIVE. Instead: add the column empty, set the
     * default first so rows the running application inserts get it, fill the existing rows in batches, and
     * only then make it NOT NULL through a validated check, which spares SET NOT NULL its table scan.
     */
    private void addEmptyThenBackfill(NewColumn column, Facts facts) {
        String c = column.name();
        tx("add column " + c + " " + column.type() + " as nullable, without default (catalog only)",
                alter("ADD COLUMN " + c + " " + column.type()), LockLevel.ACCESS_EXCLUSIVE,
                CatalogGuards.columnExists(table, c));
        tx("set the default of " + c + " before the backfill, so rows inserted meanwhile get it",
                alter("ALTER COLUMN " + c + " SET DEFAULT " + column.defaultSql()), LockLevel.ACCESS_EXCLUSIVE,
                CatalogGuards.columnHasDefault(table, c));
        steps.add(new BackfillStep("backfill " + c + " of " + table + " with " + column.defaultSql()
                + " where it IS NULL, in batches", table, c, column.defaultSql(), null, List.of(),
                spec.batchSize(), spec.pauseMillis(), spec.retry()));
        if (column.notNull()) {
            setNotNull(column, facts);
        }
    }

    /**
     * A {@code value*} for the existing rows: core addColumn adds the column (with its default) and updates every
     * row in one statement. Here the column is added without default, so the existing rows are NULL; then the
     * default, if any, is set, so rows inserted meanwhile get it, as they would after core's UPDATE; then the
     * rows still NULL get the value in batches; then NOT NULL, if asked, through a validated check. Without a
     * default, rows the application inserts meanwhile without the column stay NULL unless the walk reaches them;
     * with NOT NULL the validation then fails and says so, and nothing is reported done.
     */
    private void addEmptyThenFill(NewColumn column, Facts facts) {
        String c = column.name();
        tx("add column " + c + " " + column.type() + " as nullable, without default (catalog only)",
                alter("ADD COLUMN " + c + " " + column.type()), LockLevel.ACCESS_EXCLUSIVE,
                CatalogGuards.columnExists(table, c));
        if (column.defaultSql() != null) {
            tx("set the default of " + c + " before the existing rows are set, so rows inserted meanwhile get it",
                    alter("ALTER COLUMN " + c + " SET DEFAULT " + column.defaultSql()), LockLevel.ACCESS_EXCLUSIVE,
                    CatalogGuards.columnHasDefault(table, c));
        }
        steps.add(new BackfillStep("set " + c + " of the existing rows of " + table + " to " + column.valueSql()
                + " where it IS NULL, in batches", table, c, column.valueSql(), null, List.of(),
                spec.batchSize(), spec.pauseMillis(), spec.retry()));
        if (column.notNull()) {
            int validate = steps.size() + 1;
            setNotNull(column, facts);
            if (column.defaultSql() == null && steps.get(validate) instanceof SqlStep v) {
                steps.set(validate, new SqlStep(v.description() + "; fails if the application inserted rows without "
                        + c + " while the change ran (no default gives them a value): set those rows, or give the "
                        + "column a default, and run update again", v.sql(), v.lock(), v.table(),
                        v.inTransaction(), v.retry(), v.doneWhen(), v.verify(), v.repair()));
            }
        }
    }

    private void setNotNull(NewColumn column, Facts facts) {
        steps.addAll(ConstraintSteps.notNullThroughCheck(table, column.name(), column.notNullCheck(), spec.retry()));
        if (column.notNullName() != null && facts.postgresMajor() >= PostgresVersions.NOT_NULL_NOT_VALID_SINCE) {
            tx("give the NOT NULL constraint of " + column.name() + " the name " + column.notNullName(),
                    ConstraintSteps.renameNotNull(table, column.name(), column.notNullName()),
                    LockLevel.ACCESS_EXCLUSIVE, CatalogGuards.notNullNamed(table, column.name(), column.notNullName()));
        }
    }

    private void comment(NewColumn column) {
        if (column.remarks() != null) {
            tx("set the comment of " + column.name(),
                    "COMMENT ON COLUMN " + table + "." + column.name() + " IS " + column.remarks(),
                    LockLevel.SHARE_UPDATE_EXCLUSIVE, null);
        }
    }

    private void unique(NewColumn column) {
        String name = column.unique();
        if (name == null) {
            return;
        }
        steps.addAll(IndexSteps.buildConcurrently("build unique index " + name + " on " + column.name()
                        + " concurrently", table, spec.schemaPrefix(), name,
                "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " (" + column.name() + ")", spec.retry()));
        steps.add(ConstraintSteps.uniqueUsingIndex(table, name, "", spec.retry()));
    }

    private void foreignKey(NewColumn column) {
        NewColumn.ForeignKey fk = column.foreignKey();
        if (fk == null) {
            return;
        }
        steps.addAll(ConstraintSteps.notValidThenValidate("foreign key", table, fk.name(),
                "FOREIGN KEY (" + column.name() + ") REFERENCES " + fk.referenced().sql() + " ("
                        + String.join(", ", fk.referencedColumns()) + ")" + fk.options(),
                LockLevel.SHARE_ROW_EXCLUSIVE, spec.retry()));
    }

    private void check(NewColumn column) {
        NewColumn.Check check = column.check();
        if (check == null) {
            return;
        }
        steps.addAll(ConstraintSteps.notValidThenValidate("check", table, check.name(),
                "CHECK (" + check.expression() + ")", LockLevel.ACCESS_EXCLUSIVE, spec.retry()));
    }

    private void index(NewColumn column) {
        String name = column.index();
        if (name == null) {
            return;
        }
        steps.addAll(IndexSteps.buildConcurrently("build index " + name + " on " + column.name() + " concurrently",
                table, spec.schemaPrefix(), name,
                "CREATE INDEX CONCURRENTLY " + name + " ON " + table + " (" + column.name() + ")", spec.retry()));
    }

    /**
     * Drops what the change added, newest first. Each statement is idempotent (IF EXISTS), because a failed
     * rollback of a changeset without a transaction is not undone and is repeated from the start.
     */
    private Plan backward() {
        List<NewColumn> columns = new ArrayList<>(spec.columns());
        Collections.reverse(columns);
        String alterIfExists = "ALTER TABLE IF EXISTS " + table + " ";
        for (NewColumn column : columns) {
            if (column.index() != null) {
                steps.add(IndexSteps.dropConcurrently("drop index " + column.index() + " concurrently", table,
                        spec.schemaPrefix() + column.index(), spec.retry()));
            }
            for (String constraint : constraintsOf(column)) {
                steps.add(constraint.equals(fkName(column))
                        ? ConstraintSteps.dropForeignKey(table, column.foreignKey().referenced().sql(), constraint,
                                spec.retry())
                        : ConstraintSteps.dropConstraint(table, constraint, LockLevel.ACCESS_EXCLUSIVE, spec.retry()));
            }
            if (column.unique() != null) {
                steps.add(IndexSteps.dropConcurrently("drop index " + column.unique()
                        + " concurrently, if it is left without its constraint", table,
                        spec.schemaPrefix() + column.unique(), spec.retry()));
            }
            tx("drop column " + column.name() + " (catalog only)", alterIfExists + "DROP COLUMN IF EXISTS "
                    + column.name(), LockLevel.ACCESS_EXCLUSIVE, null);
        }
        return new Plan(spec.changeLabel() + " (rollback)", List.of(), steps);
    }

    private static List<String> constraintsOf(NewColumn column) {
        List<String> names = new ArrayList<>();
        if (column.check() != null) {
            names.add(column.check().name());
        }
        if (column.foreignKey() != null) {
            names.add(column.foreignKey().name());
        }
        if (column.unique() != null) {
            names.add(column.unique());
        }
        if (column.notNull() && (column.defaultKind() != DefaultKind.NONE || column.valueSql() != null)) {
            names.add(column.notNullCheck());
        }
        return names;
    }

    private static String fkName(NewColumn column) {
        return column.foreignKey() == null ? null : column.foreignKey().name();
    }

    private String alter(String action) {
        return ConstraintSteps.alter(table, action);
    }

    private void tx(String description, String sql, LockLevel lock, String doneWhen) {
        steps.add(new SqlStep(description, sql, lock, table, true, spec.retry(), doneWhen));
    }
}
