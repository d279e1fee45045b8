package liquibase.ext.online.examples.demo;

import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.db.Options;
import liquibase.ext.online.examples.migration.LiquibaseLogging;

/**
 * {@code mvn -B -Pdemo verify -DskipTests}: a busy {@code orders} table gets a new column and its values while
 * the application keeps working, through a real {@code liquibase update}. Exits with 1 if a check fails.
 */
public final class Demo {

    private static final long DEFAULT_ROWS = 200_000;
    private static final String DATABASE = "liquibase_online_demo";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, DEFAULT_ROWS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LiquibaseLogging.warningsOnly();
        DemoReport report;
        try (DatabaseServer server = options.startServer()) {
            System.out.println("PostgreSQL: " + server.description() + ", database " + DATABASE);
            JdbcTarget database = server.freshDatabase(DATABASE);
            report = new DemoRun(database, options.rows(), options.threads(), System.out).run();
        }
        report.print(System.out);
        System.exit(report.passed() ? 0 : 1);
    }
}
