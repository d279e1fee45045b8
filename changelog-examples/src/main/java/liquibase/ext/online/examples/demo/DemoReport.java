package liquibase.ext.online.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import liquibase.ext.online.examples.app.LatencyStats;
import liquibase.ext.online.examples.migration.ChangeSetTiming;

/** What happened during the demo, and whether the table and the application came through unharmed. */
public record DemoReport(List<ChangeSetTiming> changeSets, Duration command, LatencyStats duringMigration,
                         LatencyStats wholeRun, List<String> errors, long rowsBefore, long appInserts,
                         long rowsAfter, long nullRows) {

    public List<Check> checks() {
        long expected = rowsBefore + appInserts;
        return List.of(
                new Check("no failed application transaction", wholeRun.failures() == 0,
                        wholeRun.failures() + " failed" + (errors.isEmpty() ? "" : ", e.g. " + errors.get(0))),
                new Check("no row lost", rowsAfter == expected, String.format(Locale.ROOT,
                        "%,d before + %,d inserted by the app = %,d expected, %,d found",
                        rowsBefore, appInserts, expected, rowsAfter)),
                new Check("no status left NULL", nullRows == 0, String.format(Locale.ROOT, "%,d NULL", nullRows)));
    }

    public boolean passed() {
        return checks().stream().allMatch(Check::passed);
    }

    public void print(PrintStream out) {
        out.println();
        out.println("== liquibase update ==");
        for (ChangeSetTiming c : changeSets) {
            out.printf(Locale.ROOT, "  %-18s %-55s %7.2f s%n", c.id(), c.description(), seconds(c.duration()));
        }
        out.printf(Locale.ROOT, "  %-74s %7.2f s%n", "whole command (with Liquibase's own start-up and history)",
                seconds(command));
        out.println("== application ==");
        out.println("  during the migration: " + duringMigration);
        out.println("  whole run:            " + wholeRun);
        errors.forEach(e -> out.println("  error: " + e));
        out.println("== checks ==");
        for (Check check : checks()) {
            out.printf(Locale.ROOT, "  [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(),
                    check.detail());
        }
        out.println(passed() ? "All checks passed." : "Some checks FAILED.");
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
