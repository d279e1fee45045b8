package liquibase.ext.online.examples.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.LatencyRecorder;
import liquibase.ext.online.examples.app.Workload;
import liquibase.ext.online.examples.app.WorkloadMonitor;
import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.migration.ChangeSetTimer;
import liquibase.ext.online.examples.migration.ChangeSetTiming;
import liquibase.ext.online.examples.migration.LiquibaseUpdate;
import liquibase.ext.online.examples.migration.MigrationFailure;
import liquibase.ext.online.examples.migration.StepRecorder;

/** One scenario, one variant: a fresh database, a loaded table, the application running, then the migration. */
final class BenchmarkRun {

    /** Lets connections, plan caches and the server's buffers settle before anything is measured. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(5);
    private static final String WARM_UP_CHANGELOG = "bench/warm-up.xml";

    private final DatabaseServer server;
    private final long rows;
    private final int threads;
    private final PrintStream log;

    BenchmarkRun(DatabaseServer server, long rows, int threads, PrintStream log) {
        this.server = server;
        this.rows = rows;
        this.threads = threads;
        this.log = log;
    }

    /**
     * Liquibase's first command in a JVM spends seconds on class loading and service discovery. Paying that
     * up front keeps it out of the first variant's command time, and its table from growing more than the
     * other's while the application waits for the migration to begin.
     */
    void warmUpLiquibase() throws Exception {
        String database = "bench_warm_up";
        JdbcTarget target = server.freshDatabase(database);
        try {
            LiquibaseUpdate.run(target, WARM_UP_CHANGELOG, new ChangeSetTimer(event -> { }));
        } finally {
            server.dropDatabase(database);
        }
    }

    BenchmarkResult run(Scenario scenario, Variant variant) throws Exception {
        long rows = scenario.rows(this.rows);
        String database = "bench_" + scenario.name() + "_" + variant.name().toLowerCase(Locale.ROOT);
        JdbcTarget target = server.freshDatabase(database);
        try {
            log.printf(Locale.ROOT, "== %s / %s: loading %,d rows%n", scenario.name(), variant.label(), rows);
            long loadStart = System.nanoTime();
            try (Connection c = target.connect()) {
                scenario.prepare(c, rows);
            }
            log.printf(Locale.ROOT, "   loaded in %.1f s; application (%d threads) warming up%n",
                    (System.nanoTime() - loadStart) / 1e9, threads);
            return migrateUnderLoad(scenario, variant, target, rows);
        } finally {
            server.dropDatabase(database);
        }
    }

    private BenchmarkResult migrateUnderLoad(Scenario scenario, Variant variant, JdbcTarget target, long rows)
            throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        ChangeSetTimer timer = new ChangeSetTimer(event -> log.println("   " + event));
        StepRecorder steps = new StepRecorder(log);
        long commandStart;
        long commandEnd;
        double load;
        String failure = null;
        Workload app = Workload.start(target, threads, scenario.appVersion(), recorder);
        try {
            Thread.sleep(WARM_UP.toMillis());
            load = MachineFacts.loadAverage();
            WorkloadMonitor monitor = WorkloadMonitor.start(log, recorder, MONITOR_INTERVAL, timer::running);
            AutoCloseable alongside = scenario.alongsideMigration(target);
            try {
                commandStart = System.nanoTime();
                try {
                    LiquibaseUpdate.run(target, variant.changelog(scenario), timer, steps);
                } catch (Exception e) {
                    // A migration that fails under load is a result too (stock NOT NULL can deadlock with the app).
                    failure = MigrationFailure.describe(e);
                    log.println("   migration FAILED: " + failure);
                }
                commandEnd = System.nanoTime();
            } finally {
                alongside.close();
                monitor.close();
            }
        } finally {
            app.close();
        }
        List<ChangeSetTiming> changeSets = timer.finished();
        if (changeSets.isEmpty() && failure == null) {
            throw new IllegalStateException(variant.changelog(scenario) + " ran no changeset");
        }
        long migrationStart = changeSets.isEmpty() ? commandStart : changeSets.get(0).startNanos();
        long migrationEnd = failure != null || changeSets.isEmpty() ? commandEnd
                : changeSets.get(changeSets.size() - 1).endNanos();
        return new BenchmarkResult(scenario.name(), variant, rows, Duration.ofNanos(migrationEnd - migrationStart),
                Duration.ofNanos(commandEnd - commandStart), recorder.between(migrationStart, migrationEnd), load,
                autovacuums(target), Timeline.of(migrationStart, migrationEnd, recorder.samples(), changeSets,
                steps.marks()), failure);
    }

    private static long autovacuums(JdbcTarget target) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(autovacuum_count), 0) FROM pg_stat_user_tables "
                     + "WHERE relname = 'orders'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
