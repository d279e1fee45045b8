package liquibase.ext.online.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to the database from other connections while a change runs: each client runs its
 * statement in a loop, one autocommit statement at a time, on a thread of its own, and records failures, rows
 * written and the longest wait. A statement_timeout far above any lock_timeout turns a hang into a recorded
 * failure instead of a stuck test, and {@link #close()} waits for the clients a bounded time.
 */
public final class ApplicationWorkload implements AutoCloseable {

    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();

    private ApplicationWorkload() {
    }

    /** One client per statement; {@code {n}} in a statement is replaced by a counter of that client. */
    public static ApplicationWorkload start(TestDatabase db, String... statementsPerClient) {
        ApplicationWorkload workload = new ApplicationWorkload();
        for (String sql : statementsPerClient) {
            Thread client = new Thread(() -> workload.loop(db, sql), "application-" + (workload.clients.size() + 1));
            client.setDaemon(true);
            workload.clients.add(client);
            client.start();
        }
        return workload;
    }

    /**
     * An insert flood: {@code connections} clients that each run {@code insert} as fast as the database takes
     * it. A multi-row insert ({@code INSERT ... SELECT ... FROM generate_series(1, 50)}) writes far more rows per
     * second than single rows do, so it outpaces a batched walk of the same table.
     */
    public static ApplicationWorkload flood(TestDatabase db, int connections, String insert) {
        String[] clients = new String[connections];
        Arrays.fill(clients, insert);
        return start(db, clients);
    }

    private void loop(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '20s'");
            for (long n = 1; running.get(); n++) {
                long started = System.nanoTime();
                try {
                    if (!st.execute(sql.replace("{n}", Long.toString(n)))) {
                        rows.addAndGet(Math.max(0, st.getUpdateCount()));
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
                longestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), Math::max);
                statements.incrementAndGet();
            }
        } catch (SQLException | RuntimeException e) {
            failures.add(e);
        }
    }

    /** Waits until the application has run at least {@code count} statements, so it is surely running. */
    public ApplicationWorkload awaitStatements(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (statements.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return this;
    }

    public List<Throwable> failures() {
        return failures;
    }

    public long statements() {
        return statements.get();
    }

    /** Rows the application's statements inserted, updated or deleted so far. */
    public long rows() {
        return rows.get();
    }

    public long longestMillis() {
        return longestMillis.get();
    }

    /**
     * Stops the clients and waits for them, at most {@link #STOP_WITHIN} in all; a client still running then
     * (stuck in a statement the statement_timeout did not end) fails the test here, by name.
     */
    @Override
    public void close() {
        running.set(false);
        long deadline = System.nanoTime() + STOP_WITHIN.toNanos();
        List<String> hanging = new ArrayList<>();
        for (Thread client : clients) {
            try {
                client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while stopping the application", e);
            }
            if (client.isAlive()) {
                hanging.add(client.getName());
            }
        }
        if (!hanging.isEmpty()) {
            throw new AssertionError("application clients " + hanging + " did not stop within "
                    + STOP_WITHIN.toSeconds() + "s of close(); each is stuck in a statement");
        }
    }

    /**
     * Starts a long read transaction on the table (ACCESS SHARE) for {@code millis}, as a report or a slow request
     * would hold, and returns once it holds its lock: a DDL step that needs a stronger lock must wait for it
     * without queueing the application.
     */
    public static void holdReadLock(TestDatabase db, String table, long millis) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Bounded.start("long reader of " + table, () -> {
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT count(*) FROM " + table);
                    started.complete(null);
                    Thread.sleep(millis);
                }
                c.commit();
            } catch (SQLException | InterruptedException e) {
                started.completeExceptionally(e);
            }
        });
        Bounded.await("the long read of " + table, Duration.ofSeconds(30), started);
    }
}
