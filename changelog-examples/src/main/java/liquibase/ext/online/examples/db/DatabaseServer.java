package liquibase.ext.online.examples.db;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the demo and the benchmark run on: one the user names, or an embedded one whose binaries
 * come from Maven Central. Each run gets a database of its own on it, so runs never see each other's tables or
 * DATABASECHANGELOG rows.
 */
public final class DatabaseServer implements AutoCloseable {

    private final JdbcTarget admin;
    private final EmbeddedPostgres embedded;
    private final String description;

    private DatabaseServer(JdbcTarget admin, EmbeddedPostgres embedded, String description) {
        this.admin = admin;
        this.embedded = embedded;
        this.description = description;
    }

    /** The server behind {@code target}; its user needs the CREATEDB privilege. */
    public static DatabaseServer given(JdbcTarget target) {
        return new DatabaseServer(target, null, "the server at " + target.url());
    }

    /**
     * An embedded server with PostgreSQL's own durable defaults. The embedded builder starts the server with
     * fsync and synchronous_commit off, which would flatter every commit-heavy measurement, so both are switched
     * back on (a -c setting overrides the builder's -F).
     */
    public static DatabaseServer embedded() throws IOException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new DatabaseServer(new JdbcTarget(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"),
                pg, "embedded PostgreSQL on port " + pg.getPort());
    }

    /** An empty database of this name; an older one of the same name is dropped first. */
    public JdbcTarget freshDatabase(String name) throws SQLException {
        dropDatabase(name);
        execute("CREATE DATABASE " + quote(name));
        return admin.withDatabase(name);
    }

    public void dropDatabase(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + quote(name));
    }

    /** The database the server was reached through, for server-wide questions. */
    public JdbcTarget admin() {
        return admin;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
