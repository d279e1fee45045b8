package liquibase.ext.online.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.LatencyStats;
import liquibase.ext.online.examples.migration.ChangeSetTiming;

/**
 * What happened during the demo, and whether the table and the application came through unharmed.
 * {@code failure} names the release whose migration failed and why, or is null.
 */
public record DemoReport(String changelog, String failure, List<ChangeSetTiming> changeSets,
                         List<ReleaseResult> releases,
                         LatencyStats wholeRun, List<String> errors, long rowsBefore, long appInserts,
                         long rowsAfter, long statusNulls, long centsNulls) {

    public List<Check> checks() {
        long expected = rowsBefore + appInserts;
        return List.of(
                new Check("every release migrated", failure == null, failure == null ? "yes" : "failed in " + failure),
                new Check("no failed application transaction", wholeRun.failures() == 0,
                        wholeRun.failures() + " failed" + (errors.isEmpty() ? "" : ", e.g. " + errors.get(0))),
                new Check("no row lost", rowsAfter == expected, String.format(Locale.ROOT,
                        "%,d before + %,d inserted by the app = %,d expected, %,d found",
                        rowsBefore, appInserts, expected, rowsAfter)),
                new Check("no order_status left NULL", statusNulls == 0,
                        String.format(Locale.ROOT, "%,d NULL", statusNulls)),
                new Check("no total_cents left NULL", centsNulls == 0,
                        String.format(Locale.ROOT, "%,d NULL", centsNulls)));
    }

    public boolean passed() {
        return checks().stream().allMatch(Check::passed);
    }

    public void print(PrintStream out) {
        out.println();
        out.println("== " + changelog + " ==");
        for (ChangeSetTiming c : changeSets) {
            out.printf(Locale.ROOT, "  %-30s %-62s %7.2f s%n", c.id(), shorten(c.description(), 62),
                    seconds(c.duration()));
        }
        out.println("== application, per release ==");
        for (ReleaseResult r : releases) {
            out.printf(Locale.ROOT, "  %-10s app %s, update %6.2f s: %s%n", r.label(), r.app(),
                    seconds(r.migration()), r.duringMigration());
        }
        out.println("  whole run:                      " + wholeRun);
        errors.forEach(e -> out.println("  error: " + e));
        out.println("== checks ==");
        for (Check check : checks()) {
            out.printf(Locale.ROOT, "  [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(),
                    check.detail());
        }
        out.println(passed() ? "All checks passed." : "Some checks FAILED.");
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
