package liquibase.ext.online.plan;

import java.util.List;

/**
 * The steps that add a constraint without a long lock: whatever has to scan the table does so under SHARE UPDATE
 * EXCLUSIVE (reads and writes go on), whatever needs a stronger lock only changes the catalog. Every step has a
 * {@code doneWhen} guard, so a rerun after an interruption skips what is already there.
 */
public final class ConstraintSteps {

    private ConstraintSteps() {
    }

    /**
     * {@code ADD CONSTRAINT ... NOT VALID} checks new rows only (no scan); {@code VALIDATE CONSTRAINT} then scans
     * under SHARE UPDATE EXCLUSIVE.
     *
     * @param kind       "check" or "foreign key", for the descriptions
     * @param definition e.g. {@code CHECK (total >= 0)} or {@code FOREIGN KEY (a) REFERENCES t (id)}
     * @param addLock    the lock the ADD takes: ACCESS EXCLUSIVE for a check, SHARE ROW EXCLUSIVE for a foreign key
     */
    public static List<SqlStep> notValidThenValidate(String kind, String table, String name, String definition,
                                                     LockLevel addLock, RetryPolicy retry) {
        return List.of(
                inTx("add " + kind + " " + name + " NOT VALID (no scan; checks new rows only)",
                        alter(table, "ADD CONSTRAINT " + name + " " + definition + " NOT VALID"), addLock, table,
                        retry, CatalogGuards.constraintExists(table, name)),
                inTx("validate " + kind + " " + name + ": scans while reads and writes go on",
                        alter(table, "VALIDATE CONSTRAINT " + name), LockLevel.SHARE_UPDATE_EXCLUSIVE, table, retry,
                        CatalogGuards.constraintValidated(table, name)));
    }

    /** Turns a valid unique index into the constraint of the same name; catalog only. */
    public static SqlStep uniqueUsingIndex(String table, String name, String options, RetryPolicy retry) {
        return inTx("turn index " + name + " into the unique constraint " + name + " (catalog only)",
                alter(table, "ADD CONSTRAINT " + name + " UNIQUE USING INDEX " + name + options),
                LockLevel.ACCESS_EXCLUSIVE, table, retry, CatalogGuards.constraintExists(table, name));
    }

    /**
     * NOT NULL without {@code SET NOT NULL}'s scan under ACCESS EXCLUSIVE: a {@code CHECK (c IS NOT NULL)} added
     * NOT VALID and validated lets PostgreSQL 12+ set NOT NULL from the catalog; the helper check is dropped after.
     */
    public static List<SqlStep> notNullThroughCheck(String table, String column, String check, RetryPolicy retry) {
        return List.of(
                inTx("add CHECK (" + column + " IS NOT NULL) NOT VALID as " + check + " (no scan)",
                        alter(table, "ADD CONSTRAINT " + check + " CHECK (" + column + " IS NOT NULL) NOT VALID"),
                        LockLevel.ACCESS_EXCLUSIVE, table, retry, CatalogGuards.notNullOr(table, column, check, false)),
                inTx("validate " + check + ": scans the table while reads and writes go on",
                        alter(table, "VALIDATE CONSTRAINT " + check), LockLevel.SHARE_UPDATE_EXCLUSIVE, table, retry,
                        CatalogGuards.notNullOr(table, column, check, true)),
                inTx("set " + column + " NOT NULL (the valid check spares the scan)",
                        alter(table, "ALTER COLUMN " + column + " SET NOT NULL"), LockLevel.ACCESS_EXCLUSIVE, table,
                        retry, CatalogGuards.columnNotNull(table, column)),
                inTx("drop the helper check " + check + ", NOT NULL now holds",
                        alter(table, "DROP CONSTRAINT IF EXISTS " + check), LockLevel.ACCESS_EXCLUSIVE, table, retry,
                        CatalogGuards.constraintAbsent(table, check)));
    }

    /**
     * NOT NULL on a column without a scan under ACCESS EXCLUSIVE, the way the server allows: on PostgreSQL 18+
     * its own NOT NULL constraint {@code name}, added NOT VALID and validated ({@link #notNullNotValid}); before,
     * through the helper check {@code helperCheck} ({@link #notNullThroughCheck}).
     */
    public static List<SqlStep> notNull(int postgresMajor, String table, String column, String name,
                                        String helperCheck, RetryPolicy retry) {
        return postgresMajor >= PostgresVersions.NOT_NULL_NOT_VALID_SINCE
                ? notNullNotValid(table, column, name, retry)
                : notNullThroughCheck(table, column, helperCheck, retry);
    }

    /**
     * PostgreSQL 18 has NOT NULL constraints of its own that can be added NOT VALID and validated later, which
     * makes the helper check unnecessary.
     */
    public static List<SqlStep> notNullNotValid(String table, String column, String name, RetryPolicy retry) {
        return List.of(
                inTx("add NOT NULL " + column + " NOT VALID as " + name + " (no scan; checks new rows only)",
                        alter(table, "ADD CONSTRAINT " + name + " NOT NULL " + column + " NOT VALID"),
                        LockLevel.ACCESS_EXCLUSIVE, table, retry, CatalogGuards.columnNotNull(table, column)),
                inTx("validate " + name + ": scans the table while reads and writes go on",
                        alter(table, "VALIDATE CONSTRAINT " + name), LockLevel.SHARE_UPDATE_EXCLUSIVE, table, retry,
                        CatalogGuards.notNullValidated(table, column)));
    }

    /**
     * For rollbacks: drops a foreign key. PostgreSQL takes ACCESS EXCLUSIVE on both tables for it (it drops the
     * constraint's triggers on the referenced table too), so the step says so and runs under lock_timeout.
     */
    public static SqlStep dropForeignKey(String table, String referencedTable, String name, RetryPolicy retry) {
        return new SqlStep("drop foreign key " + name + " (ACCESS EXCLUSIVE on " + table + " and on "
                + referencedTable + ", catalog only)",
                "ALTER TABLE IF EXISTS " + table + " DROP CONSTRAINT IF EXISTS " + name, LockLevel.ACCESS_EXCLUSIVE,
                table, true, retry);
    }

    /** For rollbacks: idempotent, and a table that is gone already is not an error. */
    public static SqlStep dropConstraint(String table, String name, LockLevel lock, RetryPolicy retry) {
        return new SqlStep("drop constraint " + name,
                "ALTER TABLE IF EXISTS " + table + " DROP CONSTRAINT IF EXISTS " + name, lock, table, true, retry);
    }

    /**
     * PostgreSQL 18 names a column's NOT NULL constraint itself when SET NOT NULL makes it; this gives it the
     * name the changelog asked for, whatever PostgreSQL chose.
     */
    public static String renameNotNull(String table, String column, String name) {
        return "DO $online$\n"
                + "DECLARE\n"
                + "    online_current name;\n"
                + "BEGIN\n"
                + "    SELECT conname INTO online_current FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass("
                + CatalogGuards.literal(table) + ") AND contype = 'n' AND conkey = ARRAY[("
                + CatalogGuards.column(table, column) + ")];\n"
                + "    IF online_current IS DISTINCT FROM (parse_ident(" + CatalogGuards.literal(name) + "))[1] THEN\n"
                + "        EXECUTE format('ALTER TABLE %s RENAME CONSTRAINT %I TO %s', "
                + CatalogGuards.literal(table) + ", online_current, " + CatalogGuards.literal(name) + ");\n"
                + "    END IF;\n"
                + "END\n"
                + "$online$";
    }

    public static String alter(String table, String action) {
        return "ALTER TABLE " + table + " " + action;
    }

    private static SqlStep inTx(String description, String sql, LockLevel lock, String table, RetryPolicy retry,
                                String doneWhen) {
        return new SqlStep(description, sql, lock, table, true, retry, doneWhen);
    }
}
