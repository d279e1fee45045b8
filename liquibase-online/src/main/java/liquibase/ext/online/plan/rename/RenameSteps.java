package liquibase.ext.online.plan.rename;

import java.util.List;

import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.catalog.CatalogChecks;

/** Steps that both halves of a rename (and their rollbacks) use. */
final class RenameSteps {

    private final RenameTarget t;

    RenameSteps(RenameTarget target) {
        this.t = target;
    }

    String table() {
        return t.table().sql();
    }

    Step createFunction() {
        return new SqlStep("create trigger function " + t.function() + " that keeps " + t.oldColumn() + " and "
                + t.newColumn() + " equal", SyncTrigger.createFunction(t.function(), t.oldColumn(), t.newColumn()),
                LockLevel.NONE, null, true, t.retry());
    }

    Step addColumn(String column, String type) {
        return new SqlStep("add column " + column + " " + type + " (nullable, no default while the trigger runs)",
                "ALTER TABLE " + table() + " ADD COLUMN IF NOT EXISTS " + column + " " + type,
                LockLevel.ACCESS_EXCLUSIVE, table(), true, t.retry());
    }

    /**
     * The new column with the old one's type, read from the catalog when the statement runs: for a script
     * printed before the table exists, where the type cannot be known yet.
     */
    Step addColumnLike(String column, String like) {
        String sql = """
                DO $online_add$
                BEGIN
                    EXECUTE format('ALTER TABLE %%s ADD COLUMN IF NOT EXISTS %%s %%s', %1$s, %2$s,
                        (SELECT format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute
                          WHERE attrelid = to_regclass(%1$s) AND attname = (parse_ident(%3$s))[1]));
                END
                $online_add$""".formatted(literal(table()), literal(column), literal(like));
        return new SqlStep("add column " + column + " with the type of " + like + " (nullable, no default while "
                + "the trigger runs)", sql, LockLevel.ACCESS_EXCLUSIVE, table(), true, t.retry());
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    Step createTrigger() {
        return new SqlStep("create trigger " + t.trigger() + " on " + table(),
                SyncTrigger.createTrigger(t.trigger(), table(), t.function()), LockLevel.SHARE_ROW_EXCLUSIVE,
                table(), true, t.retry(), CatalogChecks.triggerExists(table(), t.trigger()));
    }

    /** Copies {@code from} into {@code to} where {@code to} is still NULL; rows where both are NULL already agree. */
    Step backfill(String from, String to) {
        return new BackfillStep("copy " + from + " into " + to + " where " + to + " IS NULL, in batches", table(),
                to, from, from + " IS NOT NULL", List.of(), t.batchSize(), t.pauseMillis(), t.retry());
    }

    Step verify() {
        String message = Messages.columnsDiffer(t.changeLabel(), table(), t.oldColumn(), t.newColumn())
                .replace("'", "''").replace("%", "%%");
        String sql = """
                DO $online_verify$
                DECLARE
                    online_differ bigint;
                BEGIN
                    SELECT count(*) INTO online_differ FROM %1$s WHERE %2$s IS DISTINCT FROM %3$s;
                    IF online_differ > 0 THEN
                        RAISE EXCEPTION '%% %4$s', online_differ;
                    END IF;
                END
                $online_verify$""".formatted(table(), t.newColumn(), t.oldColumn(), message);
        return new SqlStep("verify that no row of " + table() + " has " + t.oldColumn() + " IS DISTINCT FROM "
                + t.newColumn() + " (reads every row; fails the change if one differs)", sql, LockLevel.NONE,
                table(), true, t.retry());
    }

    Step dropTrigger() {
        return new SqlStep("drop trigger " + t.trigger(), "DROP TRIGGER IF EXISTS " + t.trigger() + " ON " + table(),
                LockLevel.ACCESS_EXCLUSIVE, table(), true, t.retry());
    }

    Step dropFunction() {
        return new SqlStep("drop function " + t.function(), "DROP FUNCTION IF EXISTS " + t.function() + "()",
                LockLevel.NONE, null, true, t.retry());
    }

    Step dropConstraint(String tableSql, String constraint) {
        return new SqlStep("drop constraint " + constraint + " of " + tableSql,
                "ALTER TABLE " + tableSql + " DROP CONSTRAINT IF EXISTS " + constraint, LockLevel.ACCESS_EXCLUSIVE,
                tableSql, true, t.retry());
    }

    String oldName() {
        return Catalog.nameAsParsed(t.oldColumn());
    }

    String newName() {
        return Catalog.nameAsParsed(t.newColumn());
    }
}
