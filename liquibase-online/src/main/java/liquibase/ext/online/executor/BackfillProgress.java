package liquibase.ext.online.executor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Counts a backfill's batches and reports at a steady rhythm: keys walked of the estimated total, rows changed,
 * rows per second, the time left and the current batch size.
 * <p>
 * The time left is the rows left at the recent rate: keys walked over the last {@link #RATE_WINDOW} (the whole
 * run while it is shorter), so a rate that changes as the walk goes on (an adaptive batch growing, autovacuum
 * starting, the application's load) counts as it is now, not as it was at the start. A shorter window (the last
 * quarter of the run) was tried: in BatchCostBenchmark it followed a checkpoint's slowdown no better and let a
 * single slow batch swing the estimate by 20 %. The rows left are, when the
 * walk can tell its place in the key range ({@link #position}: a single integer key), the keys walked so far
 * scaled by the share of the range still ahead; this holds when the planner's estimate is stale. Otherwise they
 * are the estimate less the keys walked.
 */
final class BackfillProgress {

    /** The span over which the rate for the time left is taken. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    private final String label;
    private final long estimatedTotal;
    private final long intervalNanos;
    private final OnlineLog log;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastReportNanos;
    private long keysWalked;
    private long rowsUpdated;
    private long batches;
    private long keysBefore;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private double startFraction = Double.NaN;
    private double fraction = Double.NaN;
    private long batchSize;
    private String batchUnit = "rows";

    BackfillProgress(String label, long estimatedTotal, Duration interval, OnlineLog log, LongSupplier clock) {
        this.label = label;
        this.estimatedTotal = estimatedTotal;
        this.intervalNanos = interval.toNanos();
        this.log = log;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastReportNanos = startNanos;
        samples.add(new long[]{startNanos, 0});
    }

    /** The size of the coming batch, shown on the line, in {@code unit} (rows, blocks). */
    void batchSize(long size, String unit) {
        batchSize = size;
        batchUnit = unit;
    }

    /**
     * Where the walk stands in its range, from 0 (its first key) to 1 (past its last), as far as the key tells:
     * called with the start before the first batch, then after each batch.
     */
    void position(double share) {
        if (Double.isNaN(startFraction)) {
            startFraction = share;
        }
        fraction = share;
    }

    /** Counts what an earlier run of the same walk did, so the line shows the whole walk, the rate this run's. */
    void resumeAfter(long keys, long updated) {
        keysBefore = keys;
        keysWalked += keys;
        rowsUpdated += updated;
        samples.getFirst()[1] = keysWalked;
    }

    void batchDone(long keys, long updated) {
        batches++;
        keysWalked += keys;
        rowsUpdated += updated;
        long now = clock.getAsLong();
        samples.add(new long[]{now, keysWalked});
        // keep as the oldest sample the newest one at least the window old
        while (samples.size() > 1) {
            long[] oldest = samples.removeFirst();
            if (now - samples.peekFirst()[0] < RATE_WINDOW.toNanos()) {
                samples.addFirst(oldest);
                break;
            }
        }
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            log.info(line(now));
        }
    }

    String line(long now) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        long rate = Math.round((keysWalked - keysBefore) / seconds);
        StringBuilder s = new StringBuilder(label).append(": ");
        if (positionKnown()) {
            // the same model as the time left, so the line never says 100 % with time still to go
            long total = keysWalked + Math.round(rowsLeft());
            s.append(String.format(Locale.ROOT, "%,d of ~%,d rows walked (%d%%)", keysWalked, total,
                    Math.min(100, Math.round(fraction * 100))));
        } else if (estimatedTotal > 0) {
            long total = Math.max(estimatedTotal, keysWalked);
            s.append(String.format(Locale.ROOT, "%,d of ~%,d rows walked (%d%%)", keysWalked, total,
                    Math.min(100, keysWalked * 100 / total)));
        } else {
            s.append(String.format(Locale.ROOT, "%,d rows walked", keysWalked));
        }
        s.append(String.format(Locale.ROOT, ", %,d updated, %,d rows/s", rowsUpdated, rate));
        double left = secondsLeft(now);
        if (left >= 0) {
            s.append(", about ").append(formatSeconds(left)).append(" left");
        }
        if (batchSize > 0) {
            s.append(String.format(Locale.ROOT, ", batch %,d %s", batchSize, batchUnit));
        }
        return s.toString();
    }

    /** Seconds until the walk ends at the recent rate, or -1 when that cannot be told. */
    double secondsLeft(long now) {
        double rowsLeft = rowsLeft();
        long[] oldest = samples.peekFirst();
        double seconds = (now - oldest[0]) / 1e9;
        long walked = keysWalked - oldest[1];
        if (rowsLeft <= 0 || walked <= 0 || seconds <= 0) {
            return -1;
        }
        return rowsLeft * seconds / walked;
    }

    /** Whether the walk's place in its key range tells the rows left (a single integer key, past the start). */
    private boolean positionKnown() {
        return !Double.isNaN(fraction) && fraction > startFraction && keysWalked > keysBefore;
    }

    private double rowsLeft() {
        if (positionKnown()) {
            return Math.max(0, (keysWalked - keysBefore) * (1 - fraction) / (fraction - startFraction));
        }
        return estimatedTotal > keysWalked ? estimatedTotal - keysWalked : -1;
    }

    String summary() {
        long now = clock.getAsLong();
        return String.format(Locale.ROOT, "%s: done, %,d rows updated in %,d batches (%,d rows walked) in %s",
                label, rowsUpdated, batches, keysWalked, formatSeconds((now - startNanos) / 1e9));
    }

    long rowsUpdated() {
        return rowsUpdated;
    }

    /** 1m5s, 42s, or below 10 s with a tenth: 4.2s. */
    static String formatSeconds(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = (long) seconds;
        return whole >= 60 ? (whole / 60) + "m" + (whole % 60) + "s" : whole + "s";
    }
}
