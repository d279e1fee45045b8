package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One application connection doing business transactions back to back: insert a new order, change a random
 * existing one, read it back, commit. Failures are counted, never retried, so they show up in the results.
 */
final class WorkloadClient implements Runnable {

    private final Connection connection;
    private final Supplier<AppVersion> version;
    private final long highestLoadedId;
    private final LatencyRecorder recorder;
    private final AtomicLong committedInserts;
    private final BooleanSupplier keepRunning;

    WorkloadClient(Connection connection, Supplier<AppVersion> version, long highestLoadedId,
                   LatencyRecorder recorder, AtomicLong committedInserts, BooleanSupplier keepRunning) {
        this.connection = connection;
        this.version = version;
        this.highestLoadedId = highestLoadedId;
        this.recorder = recorder;
        this.committedInserts = committedInserts;
        this.keepRunning = keepRunning;
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (keepRunning.getAsBoolean()) {
            long id = 1 + random.nextLong(highestLoadedId);
            long start = System.nanoTime();
            try {
                transaction(version.get(), random, id);
                recorder.success(start, System.nanoTime());
                committedInserts.incrementAndGet();
            } catch (SQLException e) {
                recorder.failure(start, System.nanoTime(), e);
                rollbackQuietly();
            }
        }
    }

    private void transaction(AppVersion app, ThreadLocalRandom random, long id) throws SQLException {
        app.insert(connection, 1 + random.nextLong(100_000), amount(random));
        app.update(connection, id, amount(random));
        app.find(connection, id);
        connection.commit();
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure is already recorded; a broken connection fails the next transaction as well
        }
    }

    private static BigDecimal amount(ThreadLocalRandom random) {
        return BigDecimal.valueOf(random.nextLong(1, 10_000_000), 2);
    }
}
