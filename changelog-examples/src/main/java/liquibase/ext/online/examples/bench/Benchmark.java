package liquibase.ext.online.examples.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.Options;
import liquibase.ext.online.examples.migration.LiquibaseLogging;

/**
 * Measures each scenario's migration with stock Liquibase and with liquibase-online, side by side in one run,
 * each on a freshly loaded table while the application runs:
 * {@code mvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests -Dbenchmark.args="--rows 2000000"}.
 * Progress goes to stderr, the result table to stdout.
 */
public final class Benchmark {

    private static final long DEFAULT_ROWS = 2_000_000;
    private static final OrdersScenario BACKFILL =
            OrdersScenario.of("backfill", "ALTER TABLE \"orders\" ADD COLUMN \"status\" varchar(20)");
    private static final List<Scenario> SCENARIOS = List.of(
            BACKFILL,
            BACKFILL.times(4),
            OrdersScenario.of("add-column-default-index"),
            OrdersScenario.of("add-column-volatile-default"),
            new AddColumnBehindLongReaderScenario(),
            OrdersScenario.of("create-index"),
            OrdersScenario.of("not-null", "ALTER TABLE \"orders\" ADD COLUMN \"status\" varchar(20) DEFAULT 'pending'")
                    .then("UPDATE \"orders\" SET \"status\" = NULL WHERE \"id\" % 10 = 0"),
            OrdersScenario.of("change-type", "ALTER TABLE \"orders\" ADD COLUMN \"quantity\" int DEFAULT 1"),
            OrdersScenario.of("foreign-key", "CREATE TABLE \"users\" (\"id\" bigint PRIMARY KEY)",
                    "INSERT INTO \"users\" SELECT g FROM generate_series(1, 100000) g"));

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Options options = Options.parseOrExit(args, DEFAULT_ROWS, "");
        LiquibaseLogging.warningsOnly();
        try (DatabaseServer server = options.startServer()) {
            BenchmarkRun run = new BenchmarkRun(server, options.rows(), options.threads(), System.err);
            MachineFacts facts = MachineFacts.collect(server.admin(), server.description());
            run.warmUpLiquibase();
            List<BenchmarkResult> results = new ArrayList<>();
            for (Scenario scenario : selected(options.only())) {
                for (Variant variant : Variant.values()) {
                    results.add(run.run(scenario, variant));
                }
            }
            ResultTable.print(System.out, facts, options.threads(), results);
            if (options.report() != null) {
                ReportWriter.write(Path.of(options.report()), facts, options.threads(), String.join(" ", args),
                        results);
                System.err.println("report written to " + Path.of(options.report(), "benchmarks.md"));
            }
        }
    }

    private static List<Scenario> selected(List<String> names) {
        if (names.isEmpty()) {
            return SCENARIOS;
        }
        List<Scenario> chosen = SCENARIOS.stream().filter(s -> names.contains(s.name())).toList();
        if (chosen.size() != names.size()) {
            throw new IllegalArgumentException("unknown scenario in " + names + "; known: "
                    + SCENARIOS.stream().map(Scenario::name).toList());
        }
        return chosen;
    }
}
