package liquibase.ext.online.executor;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Counts a backfill's batches and reports at a steady rhythm: keys walked of the estimated total, rows changed,
 * rows per second and the time left.
 */
final class BackfillProgress {

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

    BackfillProgress(String label, long estimatedTotal, Duration interval, OnlineLog log, LongSupplier clock) {
        this.label = label;
        this.estimatedTotal = estimatedTotal;
        this.intervalNanos = interval.toNanos();
        this.log = log;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastReportNanos = startNanos;
    }

    /** Counts what an earlier run of the same walk did, so the line shows the whole walk, the rate this run's. */
    void resumeAfter(long keys, long updated) {
        keysBefore = keys;
        keysWalked += keys;
        rowsUpdated += updated;
    }

    void batchDone(long keys, long updated) {
        batches++;
        keysWalked += keys;
        rowsUpdated += updated;
        long now = clock.getAsLong();
        if (now - lastReportNanos >= intervalNanos) {
            lastReportNanos = now;
            log.info(line(now));
        }
    }

    String line(long now) {
        double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
        long rate = Math.round((keysWalked - keysBefore) / seconds);
        StringBuilder s = new StringBuilder(label).append(": ");
        if (estimatedTotal > 0) {
            long total = Math.max(estimatedTotal, keysWalked);
            s.append(String.format(Locale.ROOT, "%,d of ~%,d rows walked (%d%%)", keysWalked, total,
                    Math.min(100, keysWalked * 100 / total)));
        } else {
            s.append(String.format(Locale.ROOT, "%,d rows walked", keysWalked));
        }
        s.append(String.format(Locale.ROOT, ", %,d updated, %,d rows/s", rowsUpdated, rate));
        if (estimatedTotal > keysWalked && rate > 0) {
            s.append(", about ").append(formatSeconds((estimatedTotal - keysWalked) / rate)).append(" left");
        }
        return s.toString();
    }

    String summary() {
        long now = clock.getAsLong();
        return String.format(Locale.ROOT, "%s: done, %,d rows updated in %,d batches (%,d rows walked) in %s",
                label, rowsUpdated, batches, keysWalked, formatSeconds((now - startNanos) / 1_000_000_000L));
    }

    long rowsUpdated() {
        return rowsUpdated;
    }

    private static String formatSeconds(long seconds) {
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
