package liquibase.ext.online.examples.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.LatencyStats;

/** The benchmark's output: machine facts, one row per measured migration, and the ratios that matter. */
final class ResultTable {

    private static final String COLUMNS = " %-17s %11s %11s %10s %9s %8s %8s %10s %11s %7s %5s %8s%n";

    private ResultTable() {
    }

    static void print(PrintStream out, MachineFacts facts, int threads, List<BenchmarkResult> results) {
        out.println();
        out.printf(Locale.ROOT, "liquibase-online benchmark, %s%n", facts.date());
        out.printf(Locale.ROOT, "machine: %d cores, %s, %s%n", facts.cores(), facts.os(), facts.java());
        out.printf(Locale.ROOT, "server:  PostgreSQL %s, %s (%s)%n", facts.serverVersion(), facts.server(),
                facts.settings());
        out.printf(Locale.ROOT, "application: %d threads, each transaction = INSERT + UPDATE by id + SELECT by id; "
                + "stats cover transactions started during the migration%n", threads);
        out.println("load = 1-minute load average when the migration started; autovac = autovacuum runs on the table");
        out.println();
        int width = results.stream().mapToInt(r -> r.scenario().length()).max().orElse(8);
        String row = "%-" + Math.max(width, 8) + "s" + COLUMNS;
        out.printf(Locale.ROOT, row, "scenario", "variant", "rows", "migration s", "command s", "app tx", "tx/s",
                "p50 ms", "p99 ms", "worst ms", "failed", "load", "autovac");
        for (BenchmarkResult r : results) {
            LatencyStats app = r.app();
            double seconds = r.migration().toNanos() / 1e9;
            out.printf(Locale.ROOT, row, r.scenario(), r.variant().label(), String.format(Locale.ROOT, "%,d", r.rows()),
                    String.format(Locale.ROOT, "%.2f", seconds),
                    String.format(Locale.ROOT, "%.2f", r.command().toNanos() / 1e9),
                    String.format(Locale.ROOT, "%,d", app.transactions()),
                    String.format(Locale.ROOT, "%.0f", app.transactions() / Math.max(seconds, 1e-9)),
                    LatencyStats.millis(app.p50()), LatencyStats.millis(app.p99()), LatencyStats.millis(app.worst()),
                    String.format(Locale.ROOT, "%,d", app.failures()),
                    String.format(Locale.ROOT, "%.2f", r.loadAverage()), r.autovacuums());
        }
        for (BenchmarkResult r : results) {
            if (r.failed()) {
                out.printf(Locale.ROOT, "%s / %s: the migration FAILED: %s%n", r.scenario(), r.variant().label(),
                        r.failure());
            }
        }
        out.println();
        printRatios(out, results);
    }

    private static void printRatios(PrintStream out, List<BenchmarkResult> results) {
        for (BenchmarkResult stock : results) {
            if (stock.variant() != Variant.STOCK) {
                continue;
            }
            for (BenchmarkResult online : results) {
                if (online.variant() == Variant.ONLINE && online.scenario().equals(stock.scenario())) {
                    out.printf(Locale.ROOT, "%s: liquibase-online took %.2fx the stock migration time; "
                                    + "worst application transaction %s ms vs %s ms%n", stock.scenario(),
                            online.migration().toNanos() / (double) stock.migration().toNanos(),
                            LatencyStats.millis(online.app().worst()), LatencyStats.millis(stock.app().worst()));
                }
            }
        }
    }
}
