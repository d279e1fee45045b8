package liquibase.ext.online.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The harness gives what -Dpostgres.version asks for, whichever way it starts the server. */
class PostgresServerIT {

    @Test
    void theServerRunsTheSelectedMajorVersion() {
        assumeTrue(System.getenv("ONLINE_TEST_JDBC_URL") == null && System.getProperty("ONLINE_TEST_JDBC_URL") == null,
                "a server given by URL runs whatever version it runs");
        TestDatabase db = PostgresServer.get().newDatabase();

        assertThat(db.queryOne("SELECT current_setting('server_version_num')::int / 10000"))
                .isEqualTo(Integer.parseInt(PostgresServer.majorVersion()));
    }

    @Test
    void everyTestGetsAFreshEmptyDatabase() {
        TestDatabase first = PostgresServer.get().newDatabase();
        first.execute("CREATE TABLE t (id int)");

        TestDatabase second = PostgresServer.get().newDatabase();

        assertThat(second.count("SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }
}
