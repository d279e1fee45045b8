package liquibase.ext.online.examples.app;

/** One application transaction: when it started ({@link System#nanoTime()}), how long it took, whether it failed. */
public record Sample(long startNanos, long latencyNanos, boolean failed) {
}
