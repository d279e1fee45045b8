package liquibase.ext.online.examples.app;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Transactions of a time window: committed ones, failed ones, and latency percentiles over both, because a
 * transaction that waited 60 s and then failed hurt the user as much as one that waited and succeeded.
 */
public record LatencyStats(long transactions, long failures, Duration p50, Duration p99, Duration worst) {

    public static LatencyStats of(long[] latenciesNanos, long failures) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length - failures, failures, percentile(sorted, 50), percentile(sorted, 99),
                sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile. */
    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }

    public static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d tx, %,d failed, p50 %s ms, p99 %s ms, worst %s ms",
                transactions, failures, millis(p50), millis(p99), millis(worst));
    }
}
