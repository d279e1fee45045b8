package liquibase.ext.online.examples.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import liquibase.ext.online.examples.db.JdbcTarget;

/**
 * The running application: a few threads, each with its own connection, doing short transactions on
 * {@code orders} until closed. The application version can be switched while it runs.
 */
public final class Workload implements AutoCloseable {

    /** Long enough for any healthy transaction, short enough that an application stuck behind a lock fails loudly. */
    static final String STATEMENT_TIMEOUT = "60s";

    private static final Duration STOP_LIMIT = Duration.ofMinutes(1);

    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong committedInserts = new AtomicLong();
    private volatile AppVersion version;
    private volatile boolean running = true;

    private Workload(AppVersion version) {
        this.version = version;
    }

    public static Workload start(JdbcTarget target, int threadCount, AppVersion version, LatencyRecorder recorder)
            throws SQLException {
        Workload workload = new Workload(version);
        try {
            long highestId;
            try (Connection c = target.connect()) {
                highestId = OrdersTable.maxId(c);
            }
            if (highestId < 1) {
                throw new IllegalStateException("the workload needs a filled orders table");
            }
            for (int i = 0; i < threadCount; i++) {
                Connection connection = workload.open(target);
                Thread thread = new Thread(new WorkloadClient(connection, () -> workload.version, highestId, recorder,
                        workload.committedInserts, () -> workload.running), "app-" + (i + 1));
                workload.threads.add(thread);
            }
        } catch (SQLException | RuntimeException e) {
            workload.close();
            throw e;
        }
        workload.threads.forEach(Thread::start);
        return workload;
    }

    /** Later transactions use this version, as after a rolling deployment. */
    public void switchTo(AppVersion next) {
        version = next;
    }

    public AppVersion version() {
        return version;
    }

    /** Orders the application inserted and committed: what the table must have gained. */
    public long committedInserts() {
        return committedInserts.get();
    }

    /**
     * Stops the threads after their current transaction and closes the connections. A thread still running a
     * minute later is stuck (a transaction that waits for ever): its connection is closed under it and the stop
     * fails naming it, so a demo or benchmark ends instead of hanging.
     */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + STOP_LIMIT.toNanos();
        List<String> stuck = new ArrayList<>();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                stuck.add(thread.getName());
            }
        }
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("application threads " + stuck + " did not stop within "
                    + STOP_LIMIT.toSeconds() + " s; their connections were closed");
        }
    }

    private Connection open(JdbcTarget target) throws SQLException {
        Connection connection = target.connect();
        connections.add(connection);
        try (Statement st = connection.createStatement()) {
            st.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
        }
        connection.setAutoCommit(false);
        return connection;
    }
}
