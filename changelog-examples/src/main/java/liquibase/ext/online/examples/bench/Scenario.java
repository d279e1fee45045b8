package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.ext.online.examples.app.AppV1;
import liquibase.ext.online.examples.app.AppVersion;
import liquibase.ext.online.examples.db.JdbcTarget;

/**
 * One migration measured two ways: with stock Liquibase change types and with liquibase-online's. A new
 * scenario is a class implementing this plus its two changelogs under {@code bench/<name>/}.
 */
public interface Scenario {

    /** Short name, also part of the database name. */
    String name();

    /** Creates and fills the tables in an empty database, as the application left them before the migration. */
    void prepare(Connection connection, long rows) throws SQLException;

    /** How many rows this scenario's table gets when the benchmark runs with --rows {@code benchmarkRows}. */
    default long rows(long benchmarkRows) {
        return benchmarkRows;
    }

    /** Classpath location of the changelog that uses stock Liquibase change types. */
    String stockChangelog();

    /** Classpath location of the changelog that uses liquibase-online change types. */
    String onlineChangelog();

    /**
     * Starts whatever else the database is doing when the migration begins (e.g. a long report holding a lock);
     * closing the handle ends it. Nothing by default.
     */
    default AutoCloseable alongsideMigration(JdbcTarget target) throws Exception {
        return () -> { };
    }

    /** The application version running during the migration. */
    default AppVersion appVersion() {
        return new AppV1();
    }
}
