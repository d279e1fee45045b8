package liquibase.ext.online.examples.app;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects every application transaction, from all workload threads, and summarises any time window. */
public final class LatencyRecorder {

    private static final int KEPT_ERROR_MESSAGES = 5;

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Set<String> errorMessages = new LinkedHashSet<>();

    public void success(long startNanos, long endNanos) {
        samples.add(new Sample(startNanos, endNanos - startNanos, false));
    }

    public void failure(long startNanos, long endNanos, SQLException error) {
        samples.add(new Sample(startNanos, endNanos - startNanos, true));
        synchronized (errorMessages) {
            if (errorMessages.size() < KEPT_ERROR_MESSAGES) {
                errorMessages.add(error.getSQLState() + " " + error.getMessage());
            }
        }
    }

    public LatencyStats all() {
        return between(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Transactions that started in [fromNanos, toNanos). */
    public LatencyStats between(long fromNanos, long toNanos) {
        List<Sample> window = new ArrayList<>();
        for (Sample s : samples) {
            if (s.startNanos() >= fromNanos && s.startNanos() < toNanos) {
                window.add(s);
            }
        }
        long[] latencies = window.stream().mapToLong(Sample::latencyNanos).toArray();
        return LatencyStats.of(latencies, window.stream().filter(Sample::failed).count());
    }

    /** Every sample in start order, e.g. to chart latency over time. */
    public List<Sample> samples() {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(Sample::startNanos));
        return sorted;
    }

    /** The first few distinct errors, as SQLState and message. */
    public List<String> errorMessages() {
        synchronized (errorMessages) {
            return List.copyOf(errorMessages);
        }
    }
}
