package liquibase.ext.online.examples.migration;

import java.time.Duration;

/** When one changeset ran, on the {@link System#nanoTime()} clock the application's samples use too. */
public record ChangeSetTiming(String id, String author, String description, long startNanos, long endNanos) {

    public Duration duration() {
        return Duration.ofNanos(endNanos - startNanos);
    }
}
