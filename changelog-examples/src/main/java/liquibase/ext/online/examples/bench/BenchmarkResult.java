package liquibase.ext.online.examples.bench;

import java.time.Duration;

import liquibase.ext.online.examples.app.LatencyStats;

/**
 * One measured migration. {@code migration} is the changesets' own time; {@code command} adds Liquibase's
 * start-up, locking and history tables. {@code app} covers the transactions that started during the changesets.
 * {@code autovacuums} counts autovacuum runs on the table by the end: batches commit dead rows that autovacuum
 * may clean while the migration still runs, one big transaction does not. {@code failure} is the error that
 * stopped the migration, or null.
 */
record BenchmarkResult(String scenario, Variant variant, long rows, Duration migration, Duration command,
                       LatencyStats app, double loadAverage, long autovacuums, Timeline timeline, String failure) {

    boolean failed() {
        return failure != null;
    }
}
