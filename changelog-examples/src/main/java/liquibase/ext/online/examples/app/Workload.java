package liquibase.ext.online.examples.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import liquibase.ext.online.examples.db.JdbcTarget;

/**
 * The running application: a few threads, each with its own connection, doing short transactions on
 * {@code orders} until closed. The application version can be switched while it runs.
 */
public final class Workload implements AutoCloseable {

    /** Long enough for any healthy transaction, short enough that an application stuck behind a lock fails loudly. */
    static final String STATEMENT_TIMEOUT = "60s";

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

    /** Stops the threads after their current transaction and closes the connections. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do with it
            }
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
