package liquibase.ext.online.message;

import java.util.List;

/**
 * Every user-facing error text in one place. Each says what is wrong, where, and what to do instead.
 */
public final class Messages {

    private Messages() {
    }

    public static String notPostgres(String change, String databaseName) {
        return change + " only runs on PostgreSQL 12 or newer; this database is " + databaseName
                + ". Use the stock Liquibase change type on other databases (e.g. with dbms=\"!postgresql\").";
    }

    public static String postgresTooOld(String change, int major) {
        return change + " needs PostgreSQL 12 or newer; this server is PostgreSQL " + major + ".";
    }

    public static String runInTransactionRequired(String change) {
        return change + " commits its own small transactions, so its changeset must not run in one transaction: "
                + "add runInTransaction=\"false\" to the <changeSet> element (YAML/JSON: runInTransaction: false).";
    }

    public static String required(String change, String attribute) {
        return change + ": attribute '" + attribute + "' is required.";
    }

    public static String valueMissing(String change, List<String> valueAttributes) {
        return change + ": give the new value with exactly one of " + String.join(", ", valueAttributes) + ".";
    }

    public static String severalValues(String change, List<String> given) {
        return change + ": only one value attribute may be set, but " + String.join(" and ", given)
                + " are; keep one of them.";
    }

    public static String notPositive(String change, String attribute, Object value) {
        return change + ": " + attribute + " must be at least 1, but is " + value + ".";
    }

    public static String negative(String change, String attribute, Object value) {
        return change + ": " + attribute + " must not be negative, but is " + value + ".";
    }

    public static String badDuration(String change, String attribute, String value) {
        return change + ": " + attribute + "='" + value + "' is not a duration; write it like 500ms, 2s or 1min.";
    }

    public static String badNumber(String change, String attribute, String value) {
        return change + ": " + attribute + "='" + value + "' is not a number.";
    }

    public static String badSetting(String change, String detail) {
        return change + ": a liquibase.online setting is invalid: " + detail;
    }

    public static String tableMissing(String change, String table) {
        return change + ": table " + table + " does not exist. Check tableName and schemaName, or create the "
                + "table in an earlier changeset.";
    }

    public static String columnMissing(String change, String attribute, String column, String table) {
        return change + ": column " + column + " (" + attribute + ") does not exist in table " + table + ".";
    }

    public static String noUsableKey(String change, String table) {
        return change + ": table " + table + " has no primary key and no unique index on NOT NULL columns, so it "
                + "cannot be walked in batches. Add a primary key, or name unique NOT NULL columns in keyColumns.";
    }

    public static String lockNotAcquired(String change, String step, int attempts, long timeoutMillis,
                                         String blockers) {
        return change + ": step '" + step + "' could not get its lock within lock_timeout " + timeoutMillis
                + "ms in " + attempts + " attempts; nothing of this step was applied. "
                + (blockers.isEmpty()
                ? "No session holding a lock on the table was found any more; run the update again."
                : "Sessions holding locks on the table:\n" + blockers
                + "\nEnd or wait for these sessions (long transactions, idle in transaction), or raise "
                + "lockTimeout/lockRetries, then run the update again: work already done is kept, not redone.");
    }

    public static String stepFailed(String change, String step, String cause) {
        return change + ": step '" + step + "' failed: " + cause;
    }

    public static String sameColumnNames(String change, String name) {
        return change + ": oldColumnName and newColumnName are both " + name + "; give the new name in "
                + "newColumnName.";
    }

    public static String nameTooLong(String change, String attribute, String name) {
        return change + ": " + attribute + " '" + name + "' is longer than PostgreSQL's 63-byte limit for names; "
                + "give a shorter name, or leave " + attribute + " out to get a generated one.";
    }

    /** Followed by the column found. */
    public static String newColumnExists(String change, String column, String table, String function) {
        return change + ": column " + column + " (newColumnName) already exists in table " + table + " and is not "
                + "the work of an earlier, interrupted run of this change (its trigger function " + function
                + " does not exist). Choose another newColumnName, or drop the column first. Found: ";
    }

    /** Followed by the constraint found. */
    public static String renamesPrimaryKey(String change, String column, String table) {
        return change + ": column " + column + " is part of the primary key of " + table + "; renaming a primary "
                + "key column with a trigger is not supported. Found: ";
    }

    /** Followed by what the column is. */
    public static String identityOrGenerated(String change, String column, String table) {
        return change + ": column " + column + " of " + table + " is filled by PostgreSQL itself, so a trigger "
                + "cannot keep a copy of it in step; renaming it this way is not supported. Found: ";
    }

    /** Followed by the table. */
    public static String noExpandTrigger(String change, String trigger, String table, String oldColumn) {
        return change + ": there is no trigger " + trigger + " on " + table + ", so renameColumnWithTrigger has "
                + "not run for this column (or the rename is already complete). Run renameColumnWithTrigger for "
                + oldColumn + " first; give triggerName if it used a custom one. Checked table: ";
    }

    /** Followed by the dependent objects. */
    public static String oldColumnInUse(String change, String column, String table) {
        return change + ": column " + column + " of " + table + " cannot be dropped yet: other objects still use "
                + "it. Change them to use the new column (or drop them), then run the update again. Objects: ";
    }

    /** A RAISE format: it is preceded by the number of rows that differ. */
    public static String columnsDiffer(String change, String table, String oldColumn, String newColumn) {
        return "rows of " + table + " have " + oldColumn + " IS DISTINCT FROM " + newColumn + " (" + change
                + "). They were written while the trigger was not active. Make them equal, e.g. UPDATE " + table
                + " SET " + newColumn + " = " + oldColumn + " WHERE " + newColumn + " IS DISTINCT FROM "
                + oldColumn + ", then run the update again.";
    }
}
