package liquibase.ext.online.examples.migration;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Outside the CLI, Liquibase logs through java.util.logging at INFO, repeating on stderr every line its UI
 * already prints. The demo and the benchmark keep only warnings, as the CLI's default does.
 */
public final class LiquibaseLogging {

    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

    private LiquibaseLogging() {
    }

    public static void warningsOnly() {
        LIQUIBASE.setLevel(Level.WARNING);
    }
}
