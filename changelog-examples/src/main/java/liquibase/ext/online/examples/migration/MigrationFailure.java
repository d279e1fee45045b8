package liquibase.ext.online.examples.migration;

/** The line a person needs from a failed `liquibase update`: the innermost cause's first line (e.g. "deadlock detected"). */
public final class MigrationFailure {

    private MigrationFailure() {
    }

    public static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
