package liquibase.ext.online.message;

import java.util.List;

/**
 * Every user-facing error text in one place. Each says what is wrong, where, and what to do instead.
 */
public final class Messages {

    private Messages() {
    }

    public static String notPostgres(String change, String databaseName, int minMajor) {
        return change + " only runs on PostgreSQL " + minMajor + " or newer; this database is " + databaseName
                + ". Use the stock Liquibase change type on other databases (e.g. with dbms=\"!postgresql\").";
    }

    public static String postgresTooOld(String change, int major, int minMajor) {
        return change + " needs PostgreSQL " + minMajor + " or newer; this server is PostgreSQL " + major + ".";
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

    public static String notInPlace(String change, String step) {
        return change + ": step '" + step + "' finished, but its result is not in place (an index it built is "
                + "missing or INVALID). Nothing after it was run. Run the update again: an INVALID index is dropped "
                + "and built again; if it fails the same way, the error of the build says why (duplicate values "
                + "for a unique index, for example).";
    }

    public static String nullableKey(String change, String column, String table) {
        return change + ": key column " + column + " (keyColumns) of table " + table + " allows NULL, and a row "
                + "whose key is NULL is in no batch, so it would be left unchanged. Name NOT NULL columns in "
                + "keyColumns, or make the column NOT NULL first (addNotNullConstraintOnline).";
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

    public static String noColumns(String change) {
        return change + ": add at least one nested column element (name and type).";
    }

    public static String columnAttributeRequired(String change, String column, String attribute, String example) {
        return change + ": column '" + column + "' needs the attribute '" + attribute + "', e.g. " + attribute
                + "=\"" + example + "\".";
    }

    public static String severalDefaults(String change, String column, List<String> given) {
        return change + ": column '" + column + "' may have only one default, but " + String.join(" and ", given)
                + " are set; keep one of them.";
    }

    /**
     * The refusal of a NOT NULL column without a default or a value on a table with rows; the preflight appends
     * the table's name.
     */
    public static String notNullNeedsEmptyTable(String change, String column) {
        return change + ": column '" + column + "' is nullable=\"false\" but has no default and no value, so it "
                + "can only be added to an empty table (as core addColumn can), and the table has rows; nothing was "
                + "changed. Add a default (defaultValue, defaultValueNumeric, defaultValueBoolean, defaultValueDate "
                + "or defaultValueComputed) for the existing rows and the rows the running application inserts, or "
                + "add the column nullable, fill it with backfillInBatches and make it NOT NULL in a later "
                + "changeset, once every application instance writes it. Table with rows: ";
    }

    public static String unsupportedAttribute(String change, String column, String attribute, String instead) {
        return change + ": column '" + column + "' sets " + attribute + ", which addColumnOnline does not support: "
                + instead;
    }

    public static String badReference(String change, String column, String references) {
        return change + ": column '" + column + "' has references=\"" + references + "\"; write it as "
                + "references=\"other_table(id)\", or give referencedTableName and referencedColumnNames.";
    }

    public static String referenceIncomplete(String change, String column) {
        return change + ": column '" + column + "' names a referenced table without referenced columns (or the "
                + "other way round); give both referencedTableName and referencedColumnNames.";
    }

    public static String indexNameNeedsCreateIndex(String change) {
        return change + ": indexName is set but createIndex is not; add createIndex=\"true\" or remove indexName.";
    }

    public static String indexNameNeedsOneColumn(String change, int columns) {
        return change + ": indexName names one index, but the change adds " + columns + " columns; remove "
                + "indexName to get one index per column named <table>_<column>_idx, or split the change.";
    }

    public static String indexOnUniqueColumn(String change, String column) {
        return change + ": column '" + column + "' is unique, which already builds an index; remove createIndex.";
    }

    public static String columnExistsDifferently(String change, String column, String table, String existing,
                                                 String wanted) {
        return change + ": column " + column + " already exists in table " + table + " as " + existing
                + ", not as " + wanted + ". Nothing was changed. Pick another column name, or change or drop the "
                + "existing column in an earlier changeset.";
    }

    public static String referencedTableMissing(String change, String attribute, String table) {
        return change + ": the table " + table + " named by " + attribute + " does not exist. Nothing was "
                + "changed. Check the name, or create the table in an earlier changeset.";
    }

    public static String referencedColumnMissing(String change, String attribute, String column, String table) {
        return change + ": column " + column + " named by " + attribute + " does not exist in table " + table
                + ". Nothing was changed. Check referencedColumnNames (or the part in parentheses of references).";
    }

    public static String concurrentlyNeedsNoTransaction(String change) {
        return change + " runs CREATE/DROP INDEX CONCURRENTLY, which PostgreSQL refuses inside a transaction "
                + "block: add runInTransaction=\"false\" to the <changeSet> element (YAML/JSON: runInTransaction: "
                + "false).";
    }

    public static String uniqueWithoutPartitionKey(String change, String attribute, List<String> columns,
                                                   String table, List<String> key) {
        return change + ": table " + table + " is partitioned, and a unique index on it must include every column "
                + "of the partition key (" + String.join(", ", key) + "), but " + attribute + " gives ("
                + String.join(", ", columns) + "). Nothing was changed. Add the partition key columns to " + attribute
                + ", or enforce the uniqueness another way (e.g. a unique index on each partition).";
    }

    public static String unsupportedChangeAttribute(String change, String attribute, String instead) {
        return change + ": attribute '" + attribute + "' is not supported online: " + instead;
    }

    public static String indexDiffers(String change, String attribute, String name, String table, String found,
                                      String wanted) {
        return change + ": " + attribute + " " + name + " already names an index on table " + table + ", but that "
                + "index is " + found + ", not " + wanted + " as this change would build it; it is not the work of an "
                + "earlier run. Nothing was changed. Pick another name, or drop that index in an earlier changeset.";
    }

    public static String constraintDiffers(String change, String attribute, String name, String table, String found,
                                           String wanted) {
        return change + ": " + attribute + " " + name + " already names a constraint on table " + table + ", but "
                + "that constraint is " + found + ", not " + wanted + " as this change would add it; it is not the "
                + "work of an earlier run. Nothing was changed. To go on, drop that constraint in an earlier changeset"
                + ("constraintName".equals(attribute) || "foreignKeyName".equals(attribute)
                        ? " or choose another " + attribute + "." : ".");
    }

    public static String indexNameTaken(String change, String attribute, String name, String table, String what) {
        return change + ": " + attribute + " " + name + " is already used by " + what + " in the schema of table "
                + table + ". Nothing was changed. Pick another name, or drop that object in an earlier changeset.";
    }

    public static String duplicatesPresent(String change, String table, List<String> columns, List<String> examples) {
        return change + ": table " + table + " has rows that share the values of (" + String.join(", ", columns)
                + "), so the unique index cannot be built. Nothing was changed. Duplicated values, e.g.: ("
                + String.join("), (", examples) + "). Remove the duplicates (and stop the application writing "
                + "them) first, e.g. with a changeset that deletes or merges them, then run the update again.";
    }

    public static String nullsPresent(String change, String table, String column) {
        return change + ": column " + column + " of table " + table + " has NULL values, so it cannot be made "
                + "NOT NULL. Nothing was changed. Give defaultNullValue to fill them in batches, or fill them with "
                + "backfillInBatches in an earlier changeset.";
    }

    public static String notAnIndex(String change, String name) {
        return change + ": " + name + " is not an index. Nothing was changed. Check indexName and schemaName.";
    }

    public static String indexOnOtherTable(String change, String index, String table, String actualTable) {
        return change + ": index " + index + " is on table " + actualTable + ", not on " + table
                + ". Nothing was changed. Check indexName and tableName.";
    }

    public static String indexBacksConstraint(String change, String index, String constraint) {
        return change + ": index " + index + " belongs to the constraint " + constraint + " and cannot be dropped "
                + "on its own. Nothing was changed. Drop the constraint instead (dropUniqueConstraint / "
                + "dropPrimaryKey), which drops its index.";
    }

    public static String sameColumnNames(String change, String name) {
        return change + ": oldColumnName and newColumnName are both " + name + "; give the new name in "
                + "newColumnName.";
    }

    public static String nameTooLong(String change, String attribute, String name) {
        return change + ": " + attribute + " '" + name + "' is longer than PostgreSQL's 63-byte limit for names; "
                + "PostgreSQL would cut it, and the change could not find what it made under the full name. Give "
                + "a name of at most 63 bytes.";
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

    public static String emptyCastExpression(String change, String column, String newType) {
        return change + ": castExpression is empty; remove it for the default CAST(" + column + " AS " + newType
                + ") or give an SQL expression over the column.";
    }

    public static String noOldColumnToGoBackTo(String old) {
        return "there is no " + old + " to go back to: either the type was changed in place (no table rewrite was "
                + "needed) or completeColumnTypeChange already dropped the old column. Changing a type back in place "
                + "is not generally safe (values may not fit the old type), so there is no automatic rollback; write "
                + "a <rollback> block for this changeset.";
    }

    public static String noOldColumnToComplete(String old, String table) {
        return "column " + old + " does not exist in table " + table + ", so there is nothing to complete: "
                + "changeColumnTypeOnline keeps the old column under that name only when it went through a shadow "
                + "column (not when it changed the type in place), and a completed change has dropped it already.";
    }

    public static String oldColumnStillUsed(String old, String table, List<String> dependents) {
        return "column " + old + " of table " + table + " is still used by: " + String.join("; ", dependents)
                + ". Drop or change those first.";
    }

    /** update-sql, printing a rename without reading the column (a comment, printed before the first step). */
    public static String renameFactsUnknown(String change, String column, String table) {
        return "-- " + change + ": column " + column + " of " + table + " cannot be read now (the table is created "
                + "by an earlier changeset, or there is no connection); its type, default, NOT NULL, indexes and "
                + "constraints are read when the change runs and the steps that depend on them are not printed here.";
    }

    /**
     * update-sql, printing the plan for a plain table without a database (a comment, printed before the first step).
     */
    public static String partitionsUnknown(String change, String table) {
        return "-- " + change + ": printed without a database, as for a plain table. If " + table + " is "
                + "partitioned, liquibase update reads its partitions when the change starts and runs one step per "
                + "partition instead (see docs/partitioned-tables.md); run update-sql against the database to see "
                + "that plan.";
    }

    /** update-sql, printing a foreign key without reading whether its table is partitioned. */
    public static String foreignKeyPartitionsUnknown(String table) {
        return "-- the catalog was not read: if " + table + " is partitioned, on PostgreSQL 12-17 liquibase update "
                + "adds the key NOT VALID to each partition, validates it there, then adds it to the partitioned "
                + "table, which attaches them without a scan";
    }

    /**
     * A change (with an option) that cannot run on a partitioned table yet; said at start, before any statement.
     *
     * @param what    the change type, and the attribute that makes it unsupported, e.g.
     *                {@code addColumnOnline with unique="true"}
     * @param why     what PostgreSQL does not allow there
     * @param instead what to do instead
     */
    public static String partitionedNotSupported(String change, String what, String table, String why,
                                                 String instead) {
        return change + ": partitioned tables are not supported by " + what + " yet: " + table + " is partitioned "
                + "and " + why + ". " + instead;
    }

    public static String badSize(String change, String attribute, String value) {
        return change + ": " + attribute + "='" + value + "' is not a size; write it like 64MB, 512kB or 1GB (a bare "
                + "number is bytes), or off to never wait for standbys.";
    }

    public static String standbysTooFarBehind(String change, String where, String standbys, String limit,
                                              String waited) {
        return change + ": stopped before " + where + " after waiting " + waited + " for the standbys: " + standbys
                + ", more than maxReplicationLag " + limit + ". The batches done so far are kept and a rerun resumes "
                + "the walk where it stopped. Find out why the standby does not keep up (replay paused with "
                + "pg_wal_replay_pause(), a delayed standby with recovery_min_apply_delay, an overloaded standby), "
                + "or raise maxReplicationLag (attribute or liquibase.online.maxReplicationLag) or "
                + "liquibase.online.maxThrottleWait, or set maxReplicationLag to off to write without waiting.";
    }

    // Run-time texts of the executor: reading the database failed, or the run was interrupted.

    public static String planningFailed(String detail) {
        return "could not read the database to plan the change: " + detail;
    }

    public static String positionNotRemoved(String change, String positionsTable, String detail) {
        return change + ": could not remove the finished walk's position from " + positionsTable + ": " + detail;
    }

    public static String doneCheckFailed(String change, String step, String detail) {
        return change + ": could not check whether '" + step + "' is done: " + detail;
    }

    public static String sizeEstimateFailed(String change, String detail) {
        return change + ": could not read the table's size estimate: " + detail;
    }

    public static String connectionUnusable(String change, String detail) {
        return change + ": the connection is not usable: " + detail;
    }

    public static String catalogReadFailed(String change, String detail) {
        return change + ": could not read the catalog: " + detail;
    }

    public static String refused(String change, String reason) {
        return change + ": " + reason;
    }

    public static String sessionNotPrepared(String change, String detail) {
        return change + ": preparing the session failed: " + detail;
    }

    public static String interruptedBetweenBatches() {
        return "interrupted between batches";
    }

    public static String interruptedBeforeRetry(String change) {
        return change + ": interrupted while waiting to retry";
    }

    public static String interruptedWaitingForStandbys(String change, String where) {
        return change + ": interrupted while waiting for standbys before " + where;
    }

    public static String noJdbcConnection(String change) {
        return change + " needs a JDBC connection to PostgreSQL";
    }

    /** What else holds an index's name, for {@link #indexNameTaken}. */
    public static String indexOfTable(String table) {
        return "an index on table " + table;
    }

    /** What else holds an index's name, for {@link #indexNameTaken}. */
    public static String relationOfKind(String kind) {
        return "a relation of kind '" + kind + "' (table, view, sequence, ...)";
    }

    public static String keylessTooLarge(String change, String table, int tidRangeScanSince, String size,
                                         String limit) {
        return change + ": table " + table + " has no primary key and no unique index on "
                + "NOT NULL columns, so it is walked by physical block ranges, and before PostgreSQL "
                + tidRangeScanSince + " every batch of such a walk reads the whole table. At "
                + size + " it is above liquibase.online.maxKeylessScanSize (" + limit + "). Name "
                + "unique NOT NULL columns in keyColumns (backfillInBatches), add a primary key, upgrade to "
                + "PostgreSQL " + tidRangeScanSince + "+, or raise maxKeylessScanSize to accept "
                + "that many table scans.";
    }

    // Refusals of changeColumnTypeOnline, found in the catalog at run time (ColumnTypeCatalog); the plan joins
    // them and the executor puts the change's name in front.

    public static String typeOldColumnTaken(String table, String oldColumn, String column) {
        return "table " + table + " already has a column " + oldColumn + ", so " + column
                + " cannot keep its values under that name. If an earlier type change left it, run "
                + "completeColumnTypeChange for it first; else rename or drop it.";
    }

    public static String typeShadowColumnTaken(String table, String shadow, String foundType, String newType) {
        return "table " + table + " already has a column " + shadow + " of type "
                + foundType + ", not " + newType + "; the change needs that name for the new column. "
                + "Rename or drop it.";
    }

    public static String typeIdentityColumn(String column) {
        return "column " + column + " is an identity column; change it with ALTER TABLE ... ALTER COLUMN "
                + "... DROP IDENTITY first, or use stock modifyDataType in a maintenance window.";
    }

    public static String typeGeneratedColumn(String column) {
        return "column " + column + " is a generated column; it cannot be copied to a new column.";
    }

    public static String typePartitionedOrInherited(String table) {
        return "table " + table + " is partitioned or part of an inheritance tree; the shadow "
                + "column path supports plain tables only.";
    }

    public static String typeViewOrRule(String view, String described) {
        return "view or rule " + view + " uses the column (" + described
                + "); drop it before the change and create it again after, or change the type "
                + "in a maintenance window.";
    }

    public static String typeUsedBy(String described) {
        return described + " uses the column; not supported.";
    }

    public static String typeDependsOn(String described) {
        return described + " depends on the column; not supported.";
    }

    public static String typeCompositeIndex(String index) {
        return "index " + index + " covers the column together with "
                + "other columns, an expression, a predicate, a non-default operator "
                + "class or a constraint; drop it before the change and create it "
                + "again after.";
    }

    public static String typeConstraintUses(String what) {
        return what + " uses the column; drop it before the change and add it again after (e.g. with "
                + "the online change types).";
    }

    // Texts of the liquibase.online settings and the attributes that override them.

    public static String badSize(String setting, String value) {
        return setting + "='" + value + "' is not a size; write it like 64MB, 512kB or 1GB, or off";
    }

    public static String settingInvalid(String setting, String detail) {
        return setting + "=" + detail;
    }

    public static String notADuration(String value) {
        return "'" + value + "' is not a duration; write it like 500ms, 2s or 1min";
    }

    // Validation texts of single change types.

    public static String keyColumnsEmpty(String change) {
        return required(change, "keyColumns") + " It was given but names no column.";
    }

    public static String noIndexColumns(String change) {
        return change + ": add at least one nested column element (name, or an expression with computed=\"true\").";
    }

    public static String constraintBodyRequired(String change) {
        return required(change, "constraintBody") + " Give the condition, e.g. constraintBody=\"total_cents >= 0\".";
    }

    public static String columnCountsDiffer(String change, int baseColumns, int referencedColumns) {
        return change + ": baseColumnNames names " + baseColumns + " columns but referencedColumnNames "
                + referencedColumns + "; give one referenced column per referencing column, in the same order.";
    }

    public static String deleteCascadeAndOnDelete(String change) {
        return change + ": deleteCascade and onDelete are both set; keep onDelete.";
    }

    public static String notAnAction(String change, String attribute, String value) {
        return change + ": " + attribute + "=\"" + value + "\" is not an action; use one of "
                + "CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION.";
    }
}
