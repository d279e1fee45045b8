package liquibase.ext.online.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The one place that decides which real PostgreSQL the tests use, in this order:
 * <ol>
 *   <li>{@code ONLINE_TEST_JDBC_URL} (+ {@code ONLINE_TEST_JDBC_USER}, {@code ONLINE_TEST_JDBC_PASSWORD}), as
 *       environment variables or system properties: a server someone already runs;</li>
 *   <li>Testcontainers, when a Docker engine answers: image {@code postgres:<postgres.version>};</li>
 *   <li>an embedded PostgreSQL (io.zonky.test), binaries of major version {@code postgres.version} from Maven
 *       Central; needs no Docker and runs as root too.</li>
 * </ol>
 * One server per JVM; every test gets a fresh database of its own on it.
 */
public final class PostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer instance;

    private final String baseUrl;
    private final String user;
    private final String password;
    private final String description;

    private PostgresServer(String baseUrl, String user, String password, String description) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    public static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /**
     * The major version the build asked for: passed to the test JVM as {@code test.postgres.version} (the same name
     * as the -D user property would make Surefire warn that it overwrites it), else -Dpostgres.version, else 16.
     */
    public static String majorVersion() {
        return System.getProperty("test.postgres.version", System.getProperty("postgres.version", "16"));
    }

    /** A new, empty database on the shared server. */
    public TestDatabase newDatabase() {
        String name = "online_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(baseUrl, user, password);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on " + description, e);
        }
        return new TestDatabase(withDatabase(baseUrl, name), user, password);
    }

    public String description() {
        return description;
    }

    private static PostgresServer start() {
        String url = setting("ONLINE_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(url, setting("ONLINE_TEST_JDBC_USER"), setting("ONLINE_TEST_JDBC_PASSWORD"),
                    "the server at " + url);
        }
        if (dockerLooksAvailable()) {
            PostgresServer fromDocker = ContainerPostgres.startIfDockerWorks(majorVersion());
            if (fromDocker != null) {
                return fromDocker;
            }
        }
        return startEmbedded();
    }

    static PostgresServer of(String baseUrl, String user, String password, String description) {
        return new PostgresServer(baseUrl, user, password, description);
    }

    private static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is ending anyway
                }
            }));
            return new PostgresServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres",
                    "embedded PostgreSQL " + majorVersion() + " on port " + pg.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL " + majorVersion(), e);
        }
    }

    private static boolean dockerLooksAvailable() {
        return System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    private static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        String rest = query < 0 ? "" : url.substring(query);
        return url.substring(0, slash + 1) + database + rest;
    }
}
