package liquibase.ext.online.examples.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.Options;
import liquibase.ext.online.examples.migration.LiquibaseLogging;

/**
 * {@code mvn -B -Pdemo verify -DskipTests}: first {@code online-lint} on the stock version of the changelog, then a busy {@code orders} table gets new columns, a backfill, an index,
 * a NOT NULL and a column rename over three releases while the application keeps working and is upgraded from V1
 * to V3, through real {@code liquibase update}. With {@code --compare} (e.g.
 * {@code -Ddemo.args=--compare}) the same migration with stock change types runs first, on a fresh table.
 * Exits with 1 if a check of the online run fails.
 */
public final class Demo {

    private static final long DEFAULT_ROWS = 200_000;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean compare = rest.remove("--compare");
        Options options = Options.parseOrExit(rest.toArray(String[]::new), DEFAULT_ROWS, "  [--compare]");
        LiquibaseLogging.warningsOnly();
        OnlineLintStep.print(DemoRun.STOCK_CHANGELOG, System.out);
        DemoReport stock = null;
        DemoReport online;
        try (DatabaseServer server = options.startServer()) {
            System.out.println("PostgreSQL: " + server.description());
            if (compare) {
                stock = new DemoRun(server.freshDatabase("liquibase_online_demo_stock"), DemoRun.STOCK_CHANGELOG,
                        options.rows(), options.threads(), System.out).run();
            }
            online = new DemoRun(server.freshDatabase("liquibase_online_demo"), DemoRun.CHANGELOG,
                    options.rows(), options.threads(), System.out).run();
        }
        if (stock != null) {
            stock.print(System.out);
        }
        online.print(System.out);
        if (stock != null) {
            printSideBySide(stock, online);
        }
        System.exit(online.passed() ? 0 : 1);
    }

    private static void printSideBySide(DemoReport stock, DemoReport online) {
        System.out.println();
        System.out.println("== stock Liquibase vs liquibase-online, application during each release ==");
        System.out.printf(Locale.ROOT, "  %-10s %-40s %-40s%n", "release", "stock", "online");
        for (int i = 0; i < online.releases().size(); i++) {
            ReleaseResult s = i < stock.releases().size() ? stock.releases().get(i) : null;
            ReleaseResult o = online.releases().get(i);
            System.out.printf(Locale.ROOT, "  %-10s %-40s %-40s%n", o.label(), s == null ? "-" : summary(s),
                    summary(o));
        }
        System.out.printf(Locale.ROOT, "  %-10s %-40s %-40s%n", "checks", stock.passed() ? "all passed" : "FAILED",
                online.passed() ? "all passed" : "FAILED");
    }

    private static String summary(ReleaseResult r) {
        return String.format(Locale.ROOT, "%.1f s, worst %s ms, %d failed", DemoReport.seconds(r.migration()),
                liquibase.ext.online.examples.app.LatencyStats.millis(r.duringMigration().worst()),
                r.duringMigration().failures());
    }
}
