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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.catalog.KeyColumn;

/**
 * The batch engine. It walks the table in key order; a batch is the key range [lo, hi) where hi is the
 * batchSize-th key after lo, so every batch reads and writes O(batchSize) rows wherever it is in the table and
 * the whole run is linear in the table size.
 * <p>
 * The walk is bounded: the last key is read once, when the walk starts, and the walk ends there. An application
 * that inserts faster than the walk advances would otherwise keep it chasing new rows forever. Rows inserted
 * later are not the walk's business: the plan gave them their value first (a default, a sync trigger), or, for
 * a plain backfill, they are the application's, as with a single UPDATE.
 * <p>
 * A batch is one statement in autocommit mode, so one round trip and one short transaction: it finds hi and
 * updates the range below it. Only rows where the column IS NULL are written; PostgreSQL re-checks that
 * condition on rows the application changed meanwhile, so a value the application wrote is never overwritten.
 * Key values travel as text and are cast back to the key types, which works for any key type with a text form
 * (integers, text, uuid, timestamps, composites of them).
 */
final class KeysetBackfill {

    private final Connection connection;
    private final LockRetrier retrier;
    private final OnlineLog log;
    private final Duration progressInterval;
    private final ReplicationThrottle throttle;

    /** @param throttle asked before every batch, to hold the walk back while the standbys lag */
    KeysetBackfill(Connection connection, LockRetrier retrier, OnlineLog log, Duration progressInterval,
                   ReplicationThrottle throttle) {
        this.connection = connection;
        this.retrier = retrier;
        this.log = log;
        this.progressInterval = progressInterval;
        this.throttle = throttle;
    }

    /**
     * Where a batch ended: keys it walked, rows it changed, and the first key of the next batch (null when it
     * found no next key: the tail statement then takes the rest).
     */
    private record Batch(long size, long updated, List<String> next) {
    }

    /**
     * Runs one batch, timing it for the sizer. A batch that did not get its row locks in time (lock_timeout, a
     * deadlock) halves an adaptive size before the retrier tries again: fewer rows hold fewer locks.
     */
    private <T> T timed(long[] took, BatchSizer sizer, String changeLabel, LockRetrier.Work<T> work)
            throws SQLException {
        long start = System.nanoTime();
        try {
            T result = work.run();
            took[0] = System.nanoTime() - start;
            return result;
        } catch (SQLException e) {
            if (sizer.adaptive() && LockRetrier.isRetryable(e)) {
                long before = sizer.size();
                log.info(changeLabel + ": batch size " + before + " -> " + sizer.lockTimeout()
                        + " rows after the batch did not get its locks (" + e.getSQLState() + ")");
            }
            throw e;
        }
    }

    /**
     * Walks the step's rows from the first key to the last one there is now, or, when {@code positions} holds
     * where an earlier run of the same change stopped, from there to that run's last key.
     *
     * @param positions where walks are kept, or null to walk without keeping a position
     * @return rows the walk changed, earlier runs of it included
     */
    long run(String changeLabel, BackfillStep step, List<KeyColumn> key, long estimatedRows,
             WalkPositions positions) throws OnlineChangeException {
        Sql sql = new Sql(step, key, positions);
        String keyDescription = key.stream().map(KeyColumn::sql).collect(Collectors.joining(", "));
        log.info(changeLabel + ": " + step.description() + " (" + (step.batchSize() > 0 ? step.batchSize()
                + " rows per batch" : "batches sized to take ~" + OnlineSettings.batchTime().toMillis() + " ms each, "
                + "from " + BatchSizer.START_KEYS + " rows")
                + (estimatedRows > 0 ? ", table has ~" + estimatedRows + " rows)" : ")"));
        try (WalkSession session = WalkSession.open(connection, step)) {
            WalkPositions.Position position = positions == null ? null
                    : retrier.run(changeLabel, "read where an earlier run stopped", null, step.retry(),
                            () -> positions.find(connection, step.description(), keyDescription));
            if (position != null && position.finished()) {
                log.info(changeLabel + ": " + step.description() + ": walked to its end by an earlier run, skipped");
                return 0;
            }
            List<String> last;
            List<String> lo;
            if (position != null) {
                last = position.last();
                lo = position.next();
                retrier.run(changeLabel, "record the resumed walk", null, step.retry(), () -> {
                    positions.resumed(connection, position);
                    return null;
                });
                log.info(changeLabel + ": resuming after " + position.rowsWalked() + " rows walked by an earlier run,"
                        + " from key " + lo + " to " + last);
            } else {
                last = retrier.run(changeLabel, "read the last key", step.table(), step.retry(),
                        () -> edgeKey(sql.last, sql.keySize));
                lo = last == null ? null : retrier.run(changeLabel, "read the first key", step.table(), step.retry(),
                        () -> edgeKey(sql.first, sql.keySize));
                if (last != null) {
                    log.info(changeLabel + ": walking keys " + lo + " to " + last
                            + "; rows inserted later get their value from the plan's earlier steps");
                }
            }
            List<String> begin = lo;
            WalkPositions.Position walk = position != null || positions == null || begin == null ? position
                    : retrier.run(changeLabel, "record the walk", null, step.retry(),
                            () -> positions.start(connection, step.description(), step.table(), keyDescription,
                                    begin, last, estimatedRows));
            UUID walkId = walk == null ? null : walk.id();
            BackfillProgress progress = new BackfillProgress(changeLabel, walk == null ? estimatedRows
                    : walk.rowsTotal(), progressInterval, log, System::nanoTime);
            if (walk != null) {
                progress.resumeAfter(walk.rowsWalked(), walk.rowsUpdated());
            }
            BatchSizer sizer = BatchSizer.forKeys(step.batchSize(), OnlineSettings.batchTime());
            progress.batchSize(sizer.size(), "rows");
            Long runStart = lo == null ? null : sql.integer(lo);
            Long end = last == null ? null : sql.integer(last);
            if (runStart != null && end != null) {
                progress.position(0);
            }
            try (Statements statements = new Statements(sql)) {
                while (lo != null) {
                    List<String> from = lo;
                    throttle.beforeBatch(changeLabel, "the batch from key " + from);
                    long[] took = {0};
                    // the last batch, from lo to the last key, is the tail statement, in the same unit of work:
                    // a retry after a lock timeout tries the smaller batch first, which may now end before it
                    Batch batch = retrier.run(changeLabel, "batch from key " + from, step.table(), step.retry(),
                            () -> timed(took, sizer, changeLabel, () -> {
                                Batch b = batch(statements, from, last, (int) sizer.size(), walkId);
                                if (b.next() != null) {
                                    return b;
                                }
                                long tail = tail(statements, from, last, walkId);
                                return new Batch(tail, tail, null);
                            }));
                    if (batch.next() != null) {
                        sizer.batchDone(batch.size(), took[0]);
                        progress.batchSize(sizer.size(), "rows");
                        if (runStart != null && end != null) {
                            progress.position(Math.min(1.0, (double) (sql.integer(batch.next()) - runStart)
                                    / ((double) end - runStart + 1)));
                        }
                    }
                    progress.batchDone(batch.size(), batch.updated());
                    session.pause(step.pauseMillis());
                    lo = batch.next();
                }
            }
            if (sizer.adaptive()) {
                log.fine(changeLabel + ": the adaptive batch size ended at " + sizer.size() + " rows");
            }
            log.info(progress.summary());
            return progress.rowsUpdated();
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.sessionNotPrepared(changeLabel, e.getMessage()), e);
        }
    }

    private List<String> edgeKey(String query, int keySize) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? row(rs, 1, keySize) : null;
        }
    }

    private Batch batch(Statements statements, List<String> lo, List<String> last, int batchSize, UUID walkId)
            throws SQLException {
        Sql sql = statements.sql;
        PreparedStatement ps = statements.batch();
        int i = sql.bind(ps, sql.bind(ps, 1, lo), last);
        ps.setInt(i++, batchSize - 1);
        i = sql.bind(ps, i, lo);
        if (walkId != null) {
            ps.setInt(i++, batchSize);
            ps.setObject(i, walkId);
        }
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long updated = rs.getLong(1);
            return new Batch(batchSize, updated, rs.getString(2) == null ? null : row(rs, 2, sql.keySize));
        }
    }

    private long tail(Statements statements, List<String> lo, List<String> last, UUID walkId) throws SQLException {
        Sql sql = statements.sql;
        PreparedStatement ps = statements.tail();
        int i = sql.bind(ps, sql.bind(ps, 1, lo), last);
        if (walkId != null) {
            ps.setObject(i, walkId);
        }
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The walk's two statements, each prepared once and run for every batch: the driver then keeps them prepared
     * on the server, which parses and plans them once instead of once per batch.
     */
    private final class Statements implements AutoCloseable {
        final Sql sql;
        private PreparedStatement batch;
        private PreparedStatement tail;

        Statements(Sql sql) {
            this.sql = sql;
        }

        PreparedStatement batch() throws SQLException {
            if (batch == null) {
                batch = connection.prepareStatement(sql.batch);
            }
            return batch;
        }

        PreparedStatement tail() throws SQLException {
            if (tail == null) {
                tail = connection.prepareStatement(sql.tail);
            }
            return tail;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (batch != null) {
                    batch.close();
                }
            } finally {
                if (tail != null) {
                    tail.close();
                }
            }
        }
    }

    private static List<String> row(ResultSet rs, int first, int size) throws SQLException {
        List<String> values = new ArrayList<>(size);
        for (int i = first; i < first + size; i++) {
            values.add(rs.getString(i));
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * The statements of the walk, built once per run. With positions kept, each batch statement also moves the
     * walk's position: one statement, so one transaction, holds both.
     */
    private static final class Sql {
        /** Key types whose values bind as a long: no text on the wire, and the walk can tell its place. */
        private static final Set<String> INTEGER_TYPES = Set.of("bigint", "integer", "smallint");

        final int keySize;
        final boolean integerKey;
        final String first;
        final String last;
        final String batch;
        final String tail;

        Sql(BackfillStep step, List<KeyColumn> key, WalkPositions positions) {
            keySize = key.size();
            integerKey = keySize == 1 && INTEGER_TYPES.contains(key.get(0).type());
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
            String descending = key.stream().map(k -> k.sql() + " DESC").collect(Collectors.joining(", "));
            first = "SELECT " + keyAsText + " FROM " + step.table() + " ORDER BY " + keyList + " LIMIT 1";
            last = "SELECT " + keyAsText + " FROM " + step.table() + " ORDER BY " + descending + " LIMIT 1";
            // When there is no next key up to the last one the range comparison is NULL and nothing is updated;
            // the tail statement then takes the rest of the walk, from lo to the last key.
            batch = "WITH online_next AS (SELECT " + keyList + " FROM " + step.table() + " WHERE " + row + " > "
                    + param + " AND " + row + " <= " + param + " ORDER BY " + keyList + " OFFSET ? LIMIT 1), "
                    + "online_updated AS (" + update + " WHERE " + row + " >= " + param + " AND " + row
                    + " < (SELECT " + keyList + " FROM online_next) AND " + filter + " RETURNING 1), "
                    + "online_count AS (SELECT count(*) AS n FROM online_updated) "
                    + (positions == null ? "" : ", online_position AS (" + positions.advance(
                            IntStream.range(0, key.size()).mapToObj(i -> "p." + key.get(i).sql() + "::text")
                                    .collect(Collectors.joining(", ")), " FROM online_next AS p", "?") + ") ")
                    + "SELECT (SELECT n FROM online_count), "
                    + IntStream.range(0, key.size()).mapToObj(i -> "n." + key.get(i).sql() + "::text")
                    .collect(Collectors.joining(", "))
                    + " FROM (SELECT 1) AS online_one LEFT JOIN online_next AS n ON true";
            tail = "WITH online_updated AS (" + update + " WHERE " + row + " >= " + param + " AND " + row + " <= "
                    + param + " AND " + filter + " RETURNING 1), "
                    + "online_count AS (SELECT count(*) AS n FROM online_updated)"
                    + (positions == null ? "" : ", online_position AS ("
                            + positions.advance(null, "", "(SELECT n FROM online_count)") + ")")
                    + " SELECT n FROM online_count";
        }

        /** Binds key values: as numbers for an integer key, else as text the statement casts to the key type. */
        int bind(PreparedStatement ps, int index, List<String> values) throws SQLException {
            for (String value : values) {
                if (integerKey) {
                    ps.setLong(index++, Long.parseLong(value));
                } else {
                    ps.setString(index++, value);
                }
            }
            return index;
        }

        /** The value of a single integer key, else null. */
        Long integer(List<String> values) {
            return integerKey ? Long.valueOf(values.get(0)) : null;
        }
    }
}
