package liquibase.ext.online.examples.demo;

import java.time.Duration;

import liquibase.ext.online.examples.app.LatencyStats;

/** How one release went: its migration time and the application's transactions meanwhile. */
record ReleaseResult(String label, String app, Duration migration, LatencyStats duringMigration) {
}
