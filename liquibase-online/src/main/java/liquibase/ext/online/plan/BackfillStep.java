package liquibase.ext.online.plan;

import java.util.List;

/**
 * Sets {@code column = valueSql} on the rows of a table that match {@code column IS NULL AND (where)}, one key
 * range at a time, each range in its own short transaction.
 *
 * @param table       escaped, schema-qualified table name as it appears in SQL
 * @param column      escaped column name
 * @param valueSql    the SQL expression to assign; may use other columns of the row
 * @param where       an extra SQL filter, or null
 * @param keyColumns  escaped key column names; empty means "the primary key, or a unique not-null key",
 *                    found when the change starts
 * @param batchSize   keys per batch
 * @param pauseMillis sleep between batches
 */
public record BackfillStep(String description, String table, String column, String valueSql, String where,
                           List<String> keyColumns, int batchSize, long pauseMillis, RetryPolicy retry)
        implements Step {

    public BackfillStep {
        keyColumns = List.copyOf(keyColumns);
    }

    @Override
    public LockLevel lock() {
        return LockLevel.ROW_EXCLUSIVE;
    }
}
