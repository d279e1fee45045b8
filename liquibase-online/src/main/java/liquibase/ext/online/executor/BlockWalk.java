package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.KeyColumn;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.config.Sizes;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.PostgresVersions;

/**
 * The walk of a table without a usable key (no primary key, no unique index on NOT NULL columns): by physical
 * block ranges, one range per short transaction, see {@link BlockRanges}.
 * <p>
 * Bounded like the keyed walk: the table's size in blocks is read once, when the walk starts, and the walk ends
 * there. A batch collects the row versions of its block range that still need work (the column IS NULL, the
 * change's filter holds and the new value is not NULL) and updates exactly those by ctid, re-checking the same
 * condition: PostgreSQL re-reads a row the application changed meanwhile and skips it when its version moved.
 * Our own UPDATE writes new row versions, possibly into blocks a later range visits; they no longer need work, so
 * the visit changes nothing. A row whose new value is NULL is left alone (writing NULL over NULL changes
 * nothing), so no row is ever rewritten twice by one walk.
 * <p>
 * A row the application updates while the walk runs can move into a block the walk has passed, or past its last
 * block. For the changes that keep the column in step with a trigger (renameColumnWithTrigger,
 * changeColumnTypeOnline) that update fills it. For the others its NULL stays as the application left it; a
 * rerun walks again (a finished block walk is not skipped), and a NOT NULL the change adds afterwards refuses
 * such a row instead of passing it.
 * <p>
 * The batch selects the range's ctids once and updates them with a TID lookup, so even on PostgreSQL 12 and 13,
 * which cannot scan a ctid range by itself, a batch reads the table once, not twice.
 */
final class BlockWalk {

    private final Connection connection;
    private final LockRetrier retrier;
    private final OnlineLog log;
    private final Duration progressInterval;
    private final ReplicationThrottle throttle;

    /** @param throttle asked before every batch, to hold the walk back while the standbys lag */
    BlockWalk(Connection connection, LockRetrier retrier, OnlineLog log, Duration progressInterval,
              ReplicationThrottle throttle) {
        this.connection = connection;
        this.retrier = retrier;
        this.log = log;
        this.progressInterval = progressInterval;
        this.throttle = throttle;
    }

    /** What the walk reads of the table when it starts. */
    record TableFacts(long blocks, double rowsPerBlock, String fileNode, int serverVersion) {
    }

    /**
     * The key for a table without a usable key, after the check that may refuse it: on PostgreSQL 12 and 13 a
     * table (for a partitioned table: a leaf partition, each walked by itself) above
     * {@code liquibase.online.maxKeylessScanSize}, where every batch reads the whole table.
     */
    static List<KeyColumn> keyless(Catalog catalog, String change, String table, long oid)
            throws SQLException, OnlineChangeException {
        long limit = OnlineSettings.maxKeylessScanSize();
        if (limit == 0) {
            return List.of(KeyColumn.BLOCKS);
        }
        // a partitioned table's batches each read one leaf (PostgreSQL 12 lists no tree for a plain table)
        String size = "coalesce((SELECT max(pg_relation_size(relid)) FROM pg_partition_tree(" + oid + ") "
                + "WHERE isleaf AND relid <> " + oid + "), pg_relation_size(" + oid + "))";
        List<String> tooLarge = catalog.firstColumn("SELECT pg_size_pretty(" + size + ") "
                + "WHERE current_setting('server_version_num')::int < " + PostgresVersions.TID_RANGE_SCAN_SINCE + "0000 "
                + "AND " + size + " > " + limit);
        if (!tooLarge.isEmpty()) {
            throw new OnlineChangeException(Messages.keylessTooLarge(change, table, PostgresVersions.TID_RANGE_SCAN_SINCE,
                    tooLarge.get(0), Sizes.format(limit)));
        }
        return List.of(KeyColumn.BLOCKS);
    }

    /**
     * Walks the step's rows from block 0 to the table's size in blocks now, or, when {@code positions} holds where
     * an earlier run of the same change stopped in the same table file, from there to that run's last block.
     *
     * @return rows the walk changed, earlier runs of it included
     */
    long run(String changeLabel, BackfillStep step, long estimatedRows, WalkPositions positions)
            throws OnlineChangeException {
        try (WalkSession session = WalkSession.open(connection, step)) {
            TableFacts facts = retrier.run(changeLabel, "read the size of the table", step.table(), step.retry(),
                    () -> facts(step.table()));
            BatchSizer sizer = BatchSizer.forBlocks(step.batchSize(), facts.rowsPerBlock(), OnlineSettings.batchTime());
            long perBatch = sizer.size();
            log.info(changeLabel + ": " + step.description() + " (table " + step.table() + " has no primary key and "
                    + "no unique NOT NULL columns: walked by physical block ranges, " + perBatch + " blocks per batch"
                    + (sizer.adaptive() ? " at first, sized to take ~" + OnlineSettings.batchTime().toMillis()
                    + " ms each, " : " ")
                    + String.format(Locale.ROOT, "for ~%.0f rows per block", facts.rowsPerBlock())
                    + (estimatedRows > 0 ? ", table has ~" + estimatedRows + " rows)" : ")"));
            WalkPositions.Position position = positions == null ? null
                    : retrier.run(changeLabel, "read where an earlier run stopped", null, step.retry(),
                            () -> positions.find(connection, step.description(), BlockRanges.KEY_DESCRIPTION));
            if (position != null && !resumable(changeLabel, step, position, facts)) {
                WalkPositions.Position stale = position;
                retrier.run(changeLabel, "forget the earlier walk", null, step.retry(), () -> {
                    positions.forget(connection, stale);
                    return null;
                });
                position = null;
            }
            long lo;
            long last;
            if (position != null) {
                lo = Long.parseLong(position.next().get(0));
                last = Long.parseLong(position.last().get(0));
                WalkPositions.Position resumed = position;
                retrier.run(changeLabel, "record the resumed walk", null, step.retry(), () -> {
                    positions.resumed(connection, resumed);
                    return null;
                });
                log.info(changeLabel + ": resuming after " + position.rowsWalked() + " rows walked by an earlier run,"
                        + " from block " + lo + " to block " + last);
            } else {
                lo = 0;
                last = facts.blocks();
                log.info(changeLabel + ": walking blocks 0 to " + last + "; rows inserted later, or moved past "
                        + "block " + last + ", are the application's");
            }
            if (facts.serverVersion() < PostgresVersions.TID_RANGE_SCAN_SINCE * 10000 && lo < last) {
                long batches = BlockRanges.batches(last - lo, perBatch);
                log.warn(changeLabel + ": PostgreSQL " + facts.serverVersion() / 10000 + " cannot scan a block range "
                        + "by itself (TID Range Scans came in " + PostgresVersions.TID_RANGE_SCAN_SINCE + "): each of the ~"
                        + batches + " batches reads the whole table of " + facts.blocks() + " blocks, ~"
                        + batches * facts.blocks() + " blocks read in all. Give keyColumns or add a primary key "
                        + "to walk it by key instead.");
            }
            WalkPositions.Position walk = position;
            if (walk == null && positions != null && lo < last) {
                walk = retrier.run(changeLabel, "record the walk", null, step.retry(),
                        () -> positions.start(connection, step.description(), step.table(),
                                BlockRanges.KEY_DESCRIPTION, List.of("0"),
                                List.of(Long.toString(facts.blocks()), facts.fileNode()), estimatedRows));
            }
            UUID walkId = walk == null ? null : walk.id();
            BackfillProgress progress = new BackfillProgress(changeLabel, walk == null ? estimatedRows
                    : walk.rowsTotal(), progressInterval, log, System::nanoTime);
            if (walk != null) {
                progress.resumeAfter(walk.rowsWalked(), walk.rowsUpdated());
            }
            progress.batchSize(sizer.size(), "blocks");
            progress.position(last == 0 ? 1 : (double) lo / last);
            while (lo < last) {
                long from = lo;
                throttle.beforeBatch(changeLabel, "the batch of blocks from " + from);
                long[] range = {0, 0};
                long[] counts = retrier.run(changeLabel, "batch of blocks from " + from, step.table(),
                        step.retry(), () -> {
                            // sized inside: a retry after a lock timeout walks the smaller range
                            range[0] = BlockRanges.end(from, sizer.size(), last);
                            long end = range[0];
                            String sql = batchSql(step, from, end, end < last ? end : null,
                                    walkId != null ? positions : null);
                            long start = System.nanoTime();
                            try {
                                long[] done = batch(sql, walkId);
                                range[1] = System.nanoTime() - start;
                                return done;
                            } catch (SQLException e) {
                                if (sizer.adaptive() && LockRetrier.isRetryable(e)) {
                                    log.info(changeLabel + ": batch size " + sizer.size() + " -> "
                                            + sizer.lockTimeout() + " blocks after the batch did not get its locks ("
                                            + e.getSQLState() + ")");
                                }
                                throw e;
                            }
                        });
                long to = range[0];
                sizer.batchDone(to - from, range[1]);
                progress.batchSize(sizer.size(), "blocks");
                progress.position((double) to / last);
                progress.batchDone(counts[1], counts[0]);
                lo = to;
                if (lo < last) {
                    session.pause(step.pauseMillis());
                }
            }
            log.info(progress.summary());
            return progress.rowsUpdated();
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.sessionNotPrepared(changeLabel, e.getMessage()), e);
        }
    }

    /**
     * Whether an earlier run's position still holds. A table rewritten since (VACUUM FULL, CLUSTER, a rewriting
     * ALTER TABLE) has other ctids, and a finished block walk is walked again, for the rows the application moved
     * into blocks it had passed; both start from block 0, which the filter makes harmless.
     */
    private boolean resumable(String changeLabel, BackfillStep step, WalkPositions.Position position,
                              TableFacts facts) {
        if (position.finished()) {
            log.info(changeLabel + ": " + step.description() + ": an earlier run walked to its end; a table without "
                    + "a key is walked again (from block 0), for rows the application moved into blocks the earlier "
                    + "walk had passed");
            return false;
        }
        List<String> last = position.last();
        if (last.size() < 2 || !last.get(1).equals(facts.fileNode())) {
            log.info(changeLabel + ": table " + step.table() + " was rewritten since an earlier run stopped at block "
                    + position.next().get(0) + " (VACUUM FULL, CLUSTER or a rewriting ALTER TABLE): its rows have "
                    + "moved, so the walk starts again from block 0; rows already done are skipped");
            return false;
        }
        return true;
    }

    private TableFacts facts(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + BlockRanges.blockCountSql("c.oid")
                + ", c.reltuples, c.relpages, pg_relation_filenode(c.oid)::text, "
                + "current_setting('server_version_num')::int FROM pg_class c WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " does not exist");
                }
                return new TableFacts(rs.getLong(1), BlockRanges.rowsPerBlock(rs.getDouble(2), rs.getLong(3)),
                        String.valueOf(rs.getString(4)), rs.getInt(5));
            }
        }
    }

    /**
     * One batch as one statement: the ctids of the range's rows that need work, the UPDATE of those that still do
     * when it reaches them, and, with positions kept, the move of the walk's position to {@code next}.
     */
    static String batchSql(BackfillStep step, long from, long to, Long next, WalkPositions positions) {
        String needsWork = step.column() + " IS NULL" + (step.where() == null ? "" : " AND (" + step.where() + ")")
                + " AND (" + step.valueSql() + ") IS NOT NULL";
        return "WITH online_range AS (SELECT ctid AS online_ctid, (" + needsWork + ") AS online_todo FROM "
                + step.table() + " WHERE " + BlockRanges.range(from, to) + "), "
                + "online_updated AS (UPDATE " + step.table() + " SET " + step.column() + " = " + step.valueSql()
                + " WHERE ctid = ANY (ARRAY(SELECT online_ctid FROM online_range WHERE online_todo)) AND "
                + needsWork + " RETURNING 1), online_count AS (SELECT count(*) AS n FROM online_updated)"
                + (positions == null ? "" : ", online_position AS (" + positions.advance(
                        next == null ? null : "'" + next + "'", "", "(SELECT count(*) FROM online_range)") + ")")
                + " SELECT (SELECT n FROM online_count), (SELECT count(*) FROM online_range)";
    }

    private long[] batch(String sql, UUID walkId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (walkId != null) {
                ps.setObject(1, walkId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[]{rs.getLong(1), rs.getLong(2)};
            }
        }
    }
}
