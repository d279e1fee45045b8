package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;

/**
 * The batch engine. It walks the table in key order; a batch is the key range [lo, hi) where hi is the
 * batchSize-th key after lo, so every batch reads and writes O(batchSize) rows wherever it is in the table and
 * the whole run is linear in the table size.
 * <p>
 * Each batch is one transaction under lock_timeout, retried on lock timeouts and deadlocks. Only rows where the
 * column IS NULL are written; PostgreSQL re-checks that condition on rows the application changed meanwhile, so
 * a value the application wrote is never overwritten. Key values travel as text and are cast back to the key
 * types, which works for any key type with a text form (integers, text, uuid, timestamps, composites of them).
 */
final class KeysetBackfill {

    private final Connection connection;
    private final LockRetrier retrier;
    private final OnlineLog log;
    private final Duration progressInterval;

    KeysetBackfill(Connection connection, LockRetrier retrier, OnlineLog log, Duration progressInterval) {
        this.connection = connection;
        this.retrier = retrier;
        this.log = log;
        this.progressInterval = progressInterval;
    }

    long run(String changeLabel, BackfillStep step, List<KeyColumn> key, long estimatedRows)
            throws OnlineChangeException {
        Sql sql = new Sql(step, key);
        BackfillProgress progress = new BackfillProgress(changeLabel, estimatedRows, progressInterval, log,
                System::nanoTime);
        log.info(changeLabel + ": " + step.description() + " (" + step.batchSize() + " rows per batch"
                + (estimatedRows > 0 ? ", table has ~" + estimatedRows + " rows)" : ")"));
        try {
            // Reads of the key take no lock the application waits for, but they wait behind a DDL lock held by
            // someone else; the session-wide timeout turns that wait into a retry as well.
            setSessionLockTimeout(step);
            List<String> lo = retrier.run(changeLabel, "read the first key", step.table(), step.retry(),
                    () -> firstKey(sql));
            while (lo != null) {
                List<String> from = lo;
                List<String> hi = retrier.run(changeLabel, "read the key range after " + from, step.table(),
                        step.retry(), () -> nextKey(sql, from, step.batchSize()));
                long updated = retrier.run(changeLabel, "batch from key " + from, step.table(), step.retry(),
                        () -> updateRange(sql, step, from, hi));
                progress.batchDone(hi == null ? updated : step.batchSize(), updated);
                pause(step.pauseMillis());
                lo = hi;
            }
        } catch (SQLException e) {
            throw new OnlineChangeException(changeLabel + ": setting lock_timeout failed: " + e.getMessage(), e);
        } finally {
            resetSessionLockTimeout();
        }
        log.info(progress.summary());
        return progress.rowsUpdated();
    }

    private void setSessionLockTimeout(BackfillStep step) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("SET lock_timeout = " + step.retry().lockTimeoutSql());
        }
    }

    /** Liquibase goes on using this connection; it must not inherit our timeout, even after a failure. */
    private void resetSessionLockTimeout() {
        try {
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                st.execute("RESET lock_timeout");
            }
        } catch (SQLException ignored) {
            // a broken connection is reported by Liquibase's next statement
        }
    }

    private List<String> firstKey(Sql sql) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.first)) {
            return rs.next() ? row(rs, sql.keySize) : null;
        }
    }

    private List<String> nextKey(Sql sql, List<String> lo, int batchSize) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement ps = connection.prepareStatement(sql.next)) {
            int i = bind(ps, 1, lo);
            ps.setInt(i, batchSize - 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs, sql.keySize) : null;
            }
        }
    }

    private long updateRange(Sql sql, BackfillStep step, List<String> lo, List<String> hi) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL lock_timeout = " + step.retry().lockTimeoutSql());
        }
        long updated;
        try (PreparedStatement ps = connection.prepareStatement(hi == null ? sql.updateTail : sql.updateRange)) {
            int i = bind(ps, 1, lo);
            if (hi != null) {
                bind(ps, i, hi);
            }
            updated = ps.executeLargeUpdate();
        }
        connection.commit();
        return updated;
    }

    private static int bind(PreparedStatement ps, int index, List<String> values) throws SQLException {
        for (String value : values) {
            ps.setString(index++, value);
        }
        return index;
    }

    private static List<String> row(ResultSet rs, int size) throws SQLException {
        List<String> values = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            values.add(rs.getString(i));
        }
        return Collections.unmodifiableList(values);
    }

    private static void pause(long millis) throws OnlineChangeException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineChangeException("interrupted between batches", e);
        }
    }

    /** The four statements of the walk, built once per run. */
    private static final class Sql {
        final int keySize;
        final String first;
        final String next;
        final String updateRange;
        final String updateTail;

        Sql(BackfillStep step, List<KeyColumn> key) {
            keySize = key.size();
            String keyList = key.stream().map(KeyColumn::sql).collect(Collectors.joining(", "));
            // Aliased, because ORDER BY would otherwise sort by the text output column of the same name.
            String keyAsText = IntStream.range(0, key.size())
                    .mapToObj(i -> key.get(i).sql() + "::text AS online_key_" + i)
                    .collect(Collectors.joining(", "));
            String param = "(" + key.stream().map(k -> "CAST(? AS " + k.type() + ")")
                    .collect(Collectors.joining(", ")) + ")";
            String row = "(" + keyList + ")";
            String filter = step.column() + " IS NULL" + (step.where() == null ? "" : " AND (" + step.where() + ")");
            String update = "UPDATE " + step.table() + " SET " + step.column() + " = " + step.valueSql();
            first = "SELECT " + keyAsText + " FROM " + step.table() + " ORDER BY " + keyList + " LIMIT 1";
            next = "SELECT " + keyAsText + " FROM " + step.table() + " WHERE " + row + " > " + param
                    + " ORDER BY " + keyList + " OFFSET ? LIMIT 1";
            updateRange = update + " WHERE " + row + " >= " + param + " AND " + row + " < " + param + " AND " + filter;
            updateTail = update + " WHERE " + row + " >= " + param + " AND " + filter;
        }
    }
}
