package liquibase.ext.online.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.db.Options;
import liquibase.ext.online.examples.migration.ChangeSetTimer;
import liquibase.ext.online.examples.migration.LiquibaseLogging;
import liquibase.ext.online.examples.migration.LiquibaseUpdate;

/**
 * What a rerun after a kill costs: the backfill once from start to end, then again on a fresh table, killed at
 * about 90 % of its walk and run again, the way a user's pipeline would after a pod was evicted:
 * {@code mvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests
 * -Dbenchmark.main=liquibase.ext.online.examples.bench.ResumeBenchmark -Dbenchmark.args="--rows 2000000"}.
 * The kill ends the update's database session, as a kill -9 of its JVM does; the rerun takes over the changelog
 * lock and resumes the walk by itself.
 */
public final class ResumeBenchmark {

    private static final long DEFAULT_ROWS = 2_000_000;
    private static final double KILL_AT = 0.9;
    private static final long MINUTES_PER_RUN = 30;
    private static final OrdersScenario BACKFILL =
            OrdersScenario.of("backfill", "ALTER TABLE \"orders\" ADD COLUMN \"status\" varchar(20)");

    private ResumeBenchmark() {
    }

    /** Seconds of the update command and rows walked when the kill came (0 for an uninterrupted run). */
    private record Run(double seconds, long walkedAtKill) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit(args, DEFAULT_ROWS, "");
        LiquibaseLogging.warningsOnly();
        try (DatabaseServer server = options.startServer()) {
            MachineFacts facts = MachineFacts.collect(server.admin(), server.description());
            long rows = options.rows();
            Run full = full(server, rows);
            Run rerun = killedAndRerun(server, rows);
            String report = report(facts, rows, String.join(" ", args), full, rerun);
            System.out.print(report);
            if (options.report() != null) {
                Path file = Path.of(options.report(), "benchmarks-resume.md");
                Files.writeString(file, report);
                System.err.println("report written to " + file);
            }
        }
    }

    private static Run full(DatabaseServer server, long rows) throws Exception {
        JdbcTarget target = loaded(server, "bench_resume_full", rows);
        try {
            long start = System.nanoTime();
            LiquibaseUpdate.run(target, BACKFILL.onlineChangelog(), new ChangeSetTimer(event -> { }));
            return new Run((System.nanoTime() - start) / 1e9, 0);
        } finally {
            server.dropDatabase("bench_resume_full");
        }
    }

    private static Run killedAndRerun(DatabaseServer server, long rows) throws Exception {
        JdbcTarget target = loaded(server, "bench_resume_killed", rows);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    LiquibaseUpdate.run(target, BACKFILL.onlineChangelog(), new ChangeSetTimer(event -> { }));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long walked = killAt(target, first, (long) (rows * KILL_AT));
            try {
                first.get(MINUTES_PER_RUN, TimeUnit.MINUTES);
                throw new IllegalStateException("the killed update reported success");
            } catch (ExecutionException expected) {
                System.err.printf(Locale.ROOT, "   killed after %,d rows walked%n", walked);
            }
            long start = System.nanoTime();
            LiquibaseUpdate.run(target, BACKFILL.onlineChangelog(), new ChangeSetTimer(event -> { }));
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Connection c = target.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM orders WHERE status IS NULL")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    throw new IllegalStateException(rs.getLong(1) + " rows still NULL after the rerun");
                }
            }
            return new Run(seconds, walked);
        } finally {
            server.dropDatabase("bench_resume_killed");
        }
    }

    private static JdbcTarget loaded(DatabaseServer server, String database, long rows) throws SQLException {
        JdbcTarget target = server.freshDatabase(database);
        System.err.printf(Locale.ROOT, "== %s: loading %,d rows%n", database, rows);
        try (Connection c = target.connect()) {
            BACKFILL.prepare(c, rows);
        }
        return target;
    }

    /** Waits until the walk's recorded position passes {@code rows}, then ends the update's session. */
    private static long killAt(JdbcTarget target, CompletableFuture<Void> update, long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MINUTES_PER_RUN);
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            while (true) {
                long walked = walked(st);
                if (walked >= rows) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND query LIKE '%online_updated%' "
                            + "AND pid <> pg_backend_pid()");
                    return walked;
                }
                if (update.isDone() || System.nanoTime() > deadline) {
                    throw new TimeoutException("the walk ended or stalled before " + rows + " rows were walked");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Rows walked as the walk's position says; 0 until the walk created the table (PostgreSQL plans first). */
    private static long walked(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('databasechangelog_online_walk') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(rows_walked), 0) FROM databasechangelog_online_walk")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String report(MachineFacts facts, long rows, String arguments, Run full, Run rerun)
            throws IOException {
        return String.format(Locale.ROOT, """
                # Benchmark: the rerun after a kill

                Written by `ResumeBenchmark %s` on %s (%d cores, PostgreSQL %s, no application running):
                `backfillInBatches` (`bench/backfill/online.xml`, batches of 10,000) over %,d rows, once from start
                to end, then on a fresh table killed after %,d rows walked (%.0f %%) and run again. Times are
                whole `liquibase update` commands, Liquibase's start-up included.

                | run | seconds | share of the full run |
                |---|---:|---:|
                | full run | %.2f | 100 %% |
                | rerun after the kill | %.2f | %.1f %% |

                ```sh
                mvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests \\
                    -Dbenchmark.main=liquibase.ext.online.examples.bench.ResumeBenchmark \\
                    -Dbenchmark.args="--rows %d --threads 0 --report ../docs"
                ```
                """, arguments, facts.date(), facts.cores(), facts.serverVersion(), rows, rerun.walkedAtKill(),
                100.0 * rerun.walkedAtKill() / rows, full.seconds(), rerun.seconds(),
                100.0 * rerun.seconds() / full.seconds(), rows);
    }
}
