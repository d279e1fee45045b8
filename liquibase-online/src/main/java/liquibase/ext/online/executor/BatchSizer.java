package liquibase.ext.online.executor;

import java.time.Duration;

/**
 * How large the next batch of a walk is. A size given by the change (or by {@code liquibase.online.batchSize})
 * stays fixed. Without one the walk is adaptive: it starts small and tunes the size so that a batch, one
 * transaction, takes about the target time ({@code liquibase.online.batchTime}), whatever the row width, the
 * triggers and indexes, or the load on the server:
 * <ul>
 *     <li>after each batch the size moves toward the one that would have taken the target time, growing by at
 *     most {@link #MAX_GROWTH} per batch (a fast batch may have been luck, e.g. rows cached);</li>
 *     <li>a batch slower than {@link #SLOW} times the target shrinks the size at once, to at most half;</li>
 *     <li>a batch that did not get a row lock in time halves the size before it is retried: a smaller batch
 *     holds fewer locks, so it meets fewer of the application's;</li>
 *     <li>sizes within {@link #DEADBAND} of the ideal are kept, so noise does not make the size jitter;</li>
 *     <li>the size stays within [min, max].</li>
 * </ul>
 * Sizes are in the walk's unit: keys for a keyed walk, blocks for a walk by block ranges. Pure, no clock of its
 * own: the walk reports each batch's duration.
 */
final class BatchSizer {

    /** Keys in an adaptive keyed walk's first batch. */
    static final long START_KEYS = 1_000;
    /** The fewest keys per batch an adaptive keyed walk goes down to. */
    static final long MIN_KEYS = 100;
    /**
     * The most keys per batch an adaptive keyed walk goes up to: the fixed size it replaced. A transaction of the
     * application that updates a row of the running batch waits for the batch's commit, so the longest such wait
     * is about one batch; capped here, it is never longer than it was with batches of 10,000, and where 10,000
     * rows take longer than the target the walk makes it shorter. Uncapped, 100 ms batches on a narrow table were
     * no faster without an application and 0.84x the time beside one, at twice its worst wait (BatchCostBenchmark).
     * A batchSize still sets any size.
     */
    static final long MAX_KEYS = 10_000;
    static final double MAX_GROWTH = 1.5;
    static final double SLOW = 2.0;
    static final double DEADBAND = 0.1;

    private final boolean adaptive;
    private final long targetNanos;
    private final long min;
    private final long max;
    private long size;

    private BatchSizer(boolean adaptive, long targetNanos, long start, long min, long max) {
        this.adaptive = adaptive;
        this.targetNanos = targetNanos;
        this.min = min;
        this.max = max;
        this.size = start;
    }

    static BatchSizer fixed(long size) {
        return new BatchSizer(false, 0, size, size, size);
    }

    static BatchSizer adaptive(Duration target, long start, long min, long max) {
        if (min < 1 || min > max || start < min || start > max || target.isZero() || target.isNegative()) {
            throw new IllegalArgumentException("bad bounds: start " + start + " in [" + min + ", " + max + "], target "
                    + target);
        }
        return new BatchSizer(true, target.toNanos(), start, min, max);
    }

    /** A keyed walk: the given batch size, fixed, or, when it is 0 (none given), adaptive in keys. */
    static BatchSizer forKeys(int batchSize, Duration target) {
        return batchSize > 0 ? fixed(batchSize) : adaptive(target, START_KEYS, MIN_KEYS, MAX_KEYS);
    }

    /**
     * A block walk: the given batch size in rows, fixed, as blocks of {@code rowsPerBlock}; or, when it is 0,
     * adaptive, within the keyed walk's bounds in rows turned into blocks.
     */
    static BatchSizer forBlocks(int batchSize, double rowsPerBlock, Duration target) {
        if (batchSize > 0) {
            return fixed(BlockRanges.blocksPerBatch(batchSize, rowsPerBlock));
        }
        return adaptive(target, blocks(START_KEYS, rowsPerBlock), blocks(MIN_KEYS, rowsPerBlock),
                blocks(MAX_KEYS, rowsPerBlock));
    }

    private static long blocks(long rows, double rowsPerBlock) {
        return BlockRanges.blocksPerBatch((int) rows, rowsPerBlock);
    }

    boolean adaptive() {
        return adaptive;
    }

    long size() {
        return size;
    }

    /** A batch of {@code batchSize} took {@code nanos}; returns the next batch's size. */
    long batchDone(long batchSize, long nanos) {
        if (!adaptive) {
            return size;
        }
        double ideal = (double) batchSize * targetNanos / Math.max(nanos, 1);
        long next;
        if (nanos > SLOW * targetNanos) {
            next = (long) Math.min(batchSize / 2.0, ideal);
        } else if (ideal > batchSize * (1 + DEADBAND)) {
            next = (long) Math.min(ideal, batchSize * MAX_GROWTH);
        } else if (ideal < batchSize * (1 - DEADBAND)) {
            next = (long) ideal;
        } else {
            next = batchSize;
        }
        size = clamp(next);
        return size;
    }

    /** The batch did not get its row locks in time (lock_timeout, a deadlock): the retry is half as large. */
    long lockTimeout() {
        if (adaptive) {
            size = clamp(size / 2);
        }
        return size;
    }

    private long clamp(long value) {
        return Math.max(min, Math.min(max, value));
    }
}
