package liquibase.ext.online.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to the database from other connections while a change runs: each thread runs its
 * statements in a loop, one autocommit statement at a time, and records failures and the longest wait. A
 * statement_timeout far above any lock_timeout turns a hang into a recorded failure instead of a stuck test.
 */
public final class ApplicationWorkload implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong longestMillis = new AtomicLong();
    private final List<CompletableFuture<Void>> threads = new ArrayList<>();

    private ApplicationWorkload() {
    }

    /** One thread per statement; {@code {n}} in a statement is replaced by a counter of that thread. */
    public static ApplicationWorkload start(TestDatabase db, String... statementsPerThread) {
        ApplicationWorkload workload = new ApplicationWorkload();
        for (String sql : statementsPerThread) {
            workload.threads.add(CompletableFuture.runAsync(() -> workload.loop(db, sql)));
        }
        return workload;
    }

    private void loop(TestDatabase db, String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = '20s'");
            for (long n = 1; running.get(); n++) {
                long started = System.nanoTime();
                try {
                    st.execute(sql.replace("{n}", Long.toString(n)));
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

    public long longestMillis() {
        return longestMillis.get();
    }

    /** Stops the clients and waits for them; a client that failed or hangs fails the test here. */
    @Override
    public void close() throws ExecutionException, TimeoutException {
        running.set(false);
        try {
            for (CompletableFuture<Void> thread : threads) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the application workload", e);
        }
    }

    /**
     * A long read transaction on the table (ACCESS SHARE) for {@code millis}, as a report or a slow request
     * would hold: a DDL step that needs a stronger lock must wait for it without queueing the application.
     */
    public static CompletableFuture<Void> holdReadLock(TestDatabase db, String table, long millis) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
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
        return started;
    }
}
