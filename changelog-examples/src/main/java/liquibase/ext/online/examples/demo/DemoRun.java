package liquibase.ext.online.examples.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.AppV1;
import liquibase.ext.online.examples.app.LatencyRecorder;
import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;
import liquibase.ext.online.examples.app.Workload;
import liquibase.ext.online.examples.app.WorkloadMonitor;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.migration.ChangeSetTimer;
import liquibase.ext.online.examples.migration.ChangeSetTiming;
import liquibase.ext.online.examples.migration.LiquibaseUpdate;

/**
 * The demo on an empty database: create and fill {@code orders}, start application V1, run
 * {@code liquibase update} of {@link #CHANGELOG} while it writes, keep the application running a little longer,
 * then count.
 */
public final class DemoRun {

    public static final String CHANGELOG = "demo/changelog.xml";

    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** The application keeps inserting after the migration, which shows that new rows get the value as well. */
    private static final Duration AFTER_MIGRATION = Duration.ofSeconds(1);
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

    private final JdbcTarget target;
    private final long rows;
    private final int threads;
    private final PrintStream out;

    public DemoRun(JdbcTarget target, long rows, int threads, PrintStream out) {
        this.target = target;
        this.rows = rows;
        this.threads = threads;
        this.out = out;
    }

    public DemoReport run() throws Exception {
        long rowsBefore = createAndFill();
        LatencyRecorder recorder = new LatencyRecorder();
        ChangeSetTimer timer = new ChangeSetTimer(event -> out.println(">> " + event));
        long commandStart;
        long commandEnd;
        out.printf(Locale.ROOT, "application V1 starts with %d threads%n", threads);
        Workload app = Workload.start(target, threads, new AppV1(), recorder);
        WorkloadMonitor monitor = WorkloadMonitor.start(out, recorder, MONITOR_INTERVAL, timer::running);
        try {
            Thread.sleep(WARM_UP.toMillis());
            out.println(">> liquibase update " + CHANGELOG);
            commandStart = System.nanoTime();
            LiquibaseUpdate.run(target, CHANGELOG, timer);
            commandEnd = System.nanoTime();
            Thread.sleep(AFTER_MIGRATION.toMillis());
        } finally {
            monitor.close();
            app.close();
        }
        long appInserts = app.committedInserts();
        List<ChangeSetTiming> changeSets = timer.finished();
        long migrationStart = changeSets.isEmpty() ? commandStart : changeSets.get(0).startNanos();
        long migrationEnd = changeSets.isEmpty() ? commandEnd : changeSets.get(changeSets.size() - 1).endNanos();
        try (Connection c = target.connect()) {
            return new DemoReport(changeSets, Duration.ofNanos(commandEnd - commandStart),
                    recorder.between(migrationStart, migrationEnd), recorder.all(), recorder.errorMessages(),
                    rowsBefore, appInserts, OrdersTable.count(c), OrdersTable.countWhere(c, "\"status\" IS NULL"));
        }
    }

    private long createAndFill() throws Exception {
        try (Connection c = target.connect()) {
            long start = System.nanoTime();
            OrdersTable.create(c);
            OrdersLoader.load(c, rows);
            long count = OrdersTable.count(c);
            out.printf(Locale.ROOT, "orders created and filled with %,d rows in %.1f s%n", count,
                    (System.nanoTime() - start) / 1e9);
            return count;
        }
    }
}
