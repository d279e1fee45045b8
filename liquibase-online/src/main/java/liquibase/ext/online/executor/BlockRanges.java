package liquibase.ext.online.executor;

import java.util.List;

import liquibase.ext.online.catalog.KeyColumn;

/**
 * The arithmetic of a walk by physical block ranges, for tables without a usable key: a batch is the rows whose
 * {@code ctid} lies in {@code [(from,0), (to,0))}, i.e. every row version stored in blocks {@code from} to
 * {@code to - 1}. PostgreSQL 14+ reads such a range with a TID Range Scan, touching only those blocks; 12 and 13
 * read the whole table for it.
 */
final class BlockRanges {

    /** What the walk's row in {@link WalkPositions} names as its key columns. */
    static final String KEY_DESCRIPTION = "ctid (block ranges)";

    /**
     * Rows per block assumed when the table was never analyzed: narrow rows fit 100 to 200 in an 8 kB block, wide
     * ones 10 to 50, so this keeps a batch near its row count either way within a small factor.
     */
    static final double UNKNOWN_ROWS_PER_BLOCK = 50;

    private BlockRanges() {
    }

    static boolean isBlockWalk(List<KeyColumn> key) {
        return key != null && key.size() == 1 && KeyColumn.BLOCKS.equals(key.get(0));
    }

    /** PostgreSQL's rows-per-block estimate from {@code reltuples / relpages}, or the assumption when unknown. */
    static double rowsPerBlock(double reltuples, long relpages) {
        if (reltuples <= 0 || relpages <= 0) {
            return UNKNOWN_ROWS_PER_BLOCK;
        }
        return reltuples / relpages;
    }

    /** Blocks per batch so that a batch holds about {@code batchSize} rows, never more than that, at least 1. */
    static long blocksPerBatch(int batchSize, double rowsPerBlock) {
        if (rowsPerBlock <= 0) {
            return Math.max(1, batchSize);
        }
        return Math.max(1, (long) Math.floor(batchSize / rowsPerBlock));
    }

    /** The end (exclusive) of the batch that starts at {@code from}: never past the walk's last block. */
    static long end(long from, long blocksPerBatch, long lastBlock) {
        long end = from + blocksPerBatch;
        return end < from || end > lastBlock ? lastBlock : end;
    }

    /** How many batches walk {@code blocks} blocks, {@code blocksPerBatch} at a time. */
    static long batches(long blocks, long blocksPerBatch) {
        if (blocks <= 0) {
            return 0;
        }
        return (blocks + blocksPerBatch - 1) / blocksPerBatch;
    }

    /** The condition of a batch over blocks {@code [from, to)}. */
    static String range(long from, long to) {
        return "ctid >= '(" + from + ",0)'::tid AND ctid < '(" + to + ",0)'::tid";
    }

    /** A table's size in blocks as the walk reads its bound: its main fork only, as a sequential scan sees it. */
    static String blockCountSql(String oidSql) {
        return "pg_relation_size(" + oidSql + ") / current_setting('block_size')::bigint";
    }
}
