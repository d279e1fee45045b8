package liquibase.ext.online.examples.migration;

/** A line the migration printed (a changeset or an online step starting), on the {@link System#nanoTime()} clock. */
public record StepMark(long nanos, String text) {
}
