package liquibase.ext.online.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** The service on one real PostgreSQL session, called as Liquibase calls it, without the CLI around it. */
class SessionLockServiceIT {

    private TestDatabase db;
    private Connection connection;
    private Database database;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.get().newDatabase();
        connection = db.connect();
        database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
    }

    @AfterEach
    void tearDown() throws Exception {
        database.close();
    }

    @Test
    void holdsTheMarkedRowAndTheSessionLockUntilReleased() throws Exception {
        SessionLockService service = service();

        int pid = backendPid();

        service.waitForLock();

        assertThat(SessionMarker.in(lockedBy())).map(SessionMarker::pid).contains(pid);
        assertThat(advisoryLockHolders()).isEqualTo(1);
        service.releaseLock();
        assertThat(lockedBy()).isNull();
        assertThat(advisoryLockHolders()).isZero();
    }

    @Test
    void turnsTheConnectionCheckOnWhileHoldingAndPutsThePreviousValueBack() throws Exception {
        assumeConnectionCheck();
        SessionLockService service = service();

        service.waitForLock();
        assertThat(setting()).isEqualTo(ConnectionCheck.INTERVAL);
        service.releaseLock();

        assertThat(setting()).isEqualTo("0");
    }

    @Test
    void leavesAConnectionCheckTheSessionAlreadyHasAsItIs() throws Exception {
        assumeConnectionCheck();
        execute("SET client_connection_check_interval = '5s'");
        connection.commit();
        SessionLockService service = service();

        service.waitForLock();
        assertThat(setting()).isEqualTo("5s");
        service.releaseLock();

        assertThat(setting()).isEqualTo("5s");
    }

    @Test
    void aReleaseWithNothingHeldLeavesAnotherHoldersRowAlone() throws Exception {
        SessionLockService service = service();
        db.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now(), lockedby = 'other (10.0.0.9)'");

        service.releaseLock();

        assertThat(lockedBy()).isEqualTo("other (10.0.0.9)");
    }

    @Test
    void aFreshInstanceOnTheSameSessionReleasesWhatAnEarlierOneTook() throws Exception {
        service().waitForLock();

        service().releaseLock();

        assertThat(lockedBy()).isNull();
        assertThat(advisoryLockHolders()).isZero();
    }

    private void assumeConnectionCheck() throws SQLException {
        assumeTrue(Integer.parseInt(query("SHOW server_version_num")) >= 140000, "PostgreSQL 14 or later");
    }

    private SessionLockService service() throws Exception {
        SessionLockService service = new SessionLockService();
        service.setDatabase(database);
        service.setChangeLogLockWaitTime(1);
        service.setChangeLogLockRecheckTime(1);
        service.init();
        return service;
    }

    private String lockedBy() {
        return (String) db.queryOne("SELECT lockedby FROM databasechangeloglock WHERE id = 1 AND locked");
    }

    private long advisoryLockHolders() {
        return db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = "
                + SessionLock.NAMESPACE + " AND granted");
    }

    private int backendPid() throws SQLException {
        return Integer.parseInt(query("SELECT pg_backend_pid()"));
    }

    private String setting() throws SQLException {
        return query("SHOW client_connection_check_interval");
    }

    private String query(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }
}
