package liquibase.ext.online.examples.demo;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.LatencyRecorder;
import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;
import liquibase.ext.online.examples.app.Workload;
import liquibase.ext.online.examples.app.WorkloadMonitor;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.migration.ChangeSetTimer;
import liquibase.ext.online.examples.migration.LiquibaseUpdate;
import liquibase.ext.online.examples.migration.MigrationFailure;

/**
 * The demo on an empty database: create and fill {@code orders}, start application V1, then for each
 * {@link Release}: deploy its application version and run {@code liquibase update --label-filter=<release>} of the
 * changelog while the application writes. At the end, count.
 */
public final class DemoRun {

    public static final String CHANGELOG = "demo/changelog.xml";
    public static final String STOCK_CHANGELOG = "demo/stock-changelog.xml";

    private static final Duration WARM_UP = Duration.ofSeconds(2);
    /** Time for every instance to run the new version before the next release starts, as in a real rollout. */
    private static final Duration DEPLOYMENT = Duration.ofSeconds(1);
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

    private final JdbcTarget target;
    private final String changelog;
    private final long rows;
    private final int threads;
    private final PrintStream out;

    public DemoRun(JdbcTarget target, String changelog, long rows, int threads, PrintStream out) {
        this.target = target;
        this.changelog = changelog;
        this.rows = rows;
        this.threads = threads;
        this.out = out;
    }

    public DemoReport run() throws Exception {
        long rowsBefore = createAndFill();
        LatencyRecorder recorder = new LatencyRecorder();
        ChangeSetTimer timer = new ChangeSetTimer(event -> out.println(">> " + event));
        List<ReleaseResult> releases = new ArrayList<>();
        String failure = null;
        out.printf(Locale.ROOT, "application %s starts with %d threads%n", Release.ALL.get(0).app().name(), threads);
        Workload app = Workload.start(target, threads, Release.ALL.get(0).app(), recorder);
        WorkloadMonitor monitor = WorkloadMonitor.start(out, recorder, MONITOR_INTERVAL, timer::running);
        try {
            Thread.sleep(WARM_UP.toMillis());
            for (Release release : Release.ALL) {
                if (app.version() != release.app()) {
                    out.printf(Locale.ROOT, ">> deploy application %s%n", release.app().name());
                    app.switchTo(release.app());
                    Thread.sleep(DEPLOYMENT.toMillis());
                }
                out.printf(Locale.ROOT, ">> liquibase update --label-filter=%s %s%n", release.label(), changelog);
                long start = System.nanoTime();
                try {
                    LiquibaseUpdate.run(target, changelog, timer, null, release.label());
                } catch (Exception e) {
                    // A stock migration can fail under load (e.g. a deadlock with the application): report it.
                    failure = release.label() + ": " + MigrationFailure.describe(e);
                    out.println(">> liquibase update FAILED in " + failure);
                }
                long end = System.nanoTime();
                releases.add(new ReleaseResult(release.label(), release.app().name(), Duration.ofNanos(end - start),
                        recorder.between(start, end)));
                if (failure != null) {
                    break;
                }
            }
            Thread.sleep(DEPLOYMENT.toMillis());
        } finally {
            monitor.close();
            app.close();
        }
        try (Connection c = target.connect()) {
            return new DemoReport(changelog, failure, timer.finished(), releases, recorder.all(),
                    recorder.errorMessages(),
                    rowsBefore, app.committedInserts(), OrdersTable.count(c),
                    OrdersTable.countWhere(c, "\"order_status\" IS NULL"),
                    OrdersTable.countWhere(c, "\"total_cents\" IS NULL"));
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
