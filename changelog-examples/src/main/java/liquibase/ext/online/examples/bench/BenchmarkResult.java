package liquibase.ext.online.examples.bench;

import java.time.Duration;

import liquibase.ext.online.examples.app.LatencyStats;

/**
 * One measured migration. {@code migration} is the changesets' own time; {@code command} adds Liquibase's
 * start-up, locking and history tables. {@code app} covers the transactions that started during the changesets.
 */
record BenchmarkResult(String scenario, Variant variant, long rows, Duration migration, Duration command,
                       LatencyStats app, double loadAverage) {
}
