package liquibase.ext.online.lint;

import java.util.Locale;

/** How serious a finding is. Only {@link #ERROR} makes {@code online-lint} exit non-zero. */
public enum Level {
    /** Locks or rewrites a table that may be busy, or breaks the running application. */
    ERROR,
    /** Needs a look by a person: the linter cannot tell, or the danger is in the application, not in a lock. */
    WARNING;

    /** The SARIF 2.1.0 {@code level} value. */
    public String sarif() {
        return this == ERROR ? "error" : "warning";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
