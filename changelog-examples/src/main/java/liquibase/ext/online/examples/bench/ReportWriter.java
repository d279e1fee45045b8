package liquibase.ext.online.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import liquibase.ext.online.examples.app.LatencyStats;

/**
 * Writes {@code benchmarks.md} and one chart per scenario into a folder (the project's {@code docs/} for the
 * published report). Every figure in it comes from the run that wrote it.
 */
final class ReportWriter {

    private ReportWriter() {
    }

    static void write(Path dir, MachineFacts facts, int threads, String arguments, List<BenchmarkResult> results)
            throws IOException {
        Path charts = Files.createDirectories(dir.resolve("benchmarks"));
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by the benchmark itself (`Benchmark").append(arguments.isEmpty() ? "" : " " + arguments)
                .append("`); rerun it to check these figures on your machine:\n\n");
        md.append("```sh\nmvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests \\\n")
                .append("    -Dbenchmark.args=\"--rows 2000000 --report ../docs\"\n```\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(facts.date()).append(" |\n");
        md.append("| machine | ").append(facts.cores()).append(" cores, ").append(facts.os()).append(", ")
                .append(facts.java()).append(" |\n");
        md.append("| PostgreSQL | ").append(facts.serverVersion()).append(", ").append(facts.server()).append(" (")
                .append(facts.settings()).append(") |\n");
        md.append("| application | ").append(threads).append(" threads, each transaction INSERT + UPDATE by id + "
                + "SELECT by id, no retries |\n\n");
        md.append("Each scenario runs twice on a freshly loaded table while the application runs: with stock "
                + "Liquibase change types, then with liquibase-online's. *Migration* is the changesets' own time; "
                + "the application's figures cover the transactions that started during it. *Load* is the "
                + "machine's 1-minute load average when the migration started: figures taken under other load "
                + "are noisier.\n\n");
        md.append("What a rerun after a kill costs is measured by `ResumeBenchmark`, in "
                + "[benchmarks-resume.md](benchmarks-resume.md); what batching itself costs, against a single "
                + "UPDATE, and adaptive batches against batches of 10,000 by `BatchCostBenchmark`, in "
                + "[benchmarks-batching.md](benchmarks-batching.md).\n\n");
        md.append("In the charts the line shows, every 0.1 s, the longest any application transaction had been "
                + "waiting (log scale): a stall is a ramp that climbs for as long as the application is stuck. "
                + "Vertical lines mark changesets and liquibase-online's steps.\n\n");
        for (Map.Entry<String, List<BenchmarkResult>> scenario : byScenario(results).entrySet()) {
            String name = scenario.getKey();
            md.append("## ").append(name).append("\n\n");
            md.append("| variant | rows | migration s | app tx | tx/s | p50 ms | p99 ms | worst ms | failed | load |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            BenchmarkResult stock = null;
            BenchmarkResult online = null;
            for (BenchmarkResult r : scenario.getValue()) {
                LatencyStats app = r.app();
                double seconds = r.migration().toNanos() / 1e9;
                md.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,d | %.0f | %s | %s | %s | %,d | %.2f |%n",
                        r.variant().label(), r.rows(), seconds, app.transactions(),
                        app.transactions() / Math.max(seconds, 1e-9), LatencyStats.millis(app.p50()),
                        LatencyStats.millis(app.p99()), LatencyStats.millis(app.worst()), app.failures(),
                        r.loadAverage()));
                if (r.variant() == Variant.STOCK) {
                    stock = r;
                } else {
                    online = r;
                }
            }
            md.append('\n');
            for (BenchmarkResult r : scenario.getValue()) {
                if (r.failed()) {
                    md.append("**The ").append(r.variant().label()).append(" migration FAILED:** `")
                            .append(r.failure()).append("`\n\n");
                }
            }
            if (stock != null && online != null) {
                String png = name + ".png";
                LatencyChart.write(charts.resolve(png), stock, online);
                md.append(String.format(Locale.ROOT, "liquibase-online took %.2fx the stock migration time; the "
                                + "application's worst transaction took %s ms instead of %s ms.%n%n",
                        online.migration().toNanos() / (double) stock.migration().toNanos(),
                        LatencyStats.millis(online.app().worst()), LatencyStats.millis(stock.app().worst())));
                md.append("![").append(name).append(": latency over time](benchmarks/").append(png).append(")\n\n");
            }
        }
        Files.writeString(dir.resolve("benchmarks.md"), md.toString());
    }

    /** Results of one scenario together, in the order they ran. */
    private static Map<String, List<BenchmarkResult>> byScenario(List<BenchmarkResult> results) {
        Map<String, List<BenchmarkResult>> grouped = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            grouped.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
        }
        return grouped;
    }
}
