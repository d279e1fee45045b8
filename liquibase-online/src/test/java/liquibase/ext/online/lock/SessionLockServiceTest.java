package liquibase.ext.online.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;

import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.OfflineConnection;
import liquibase.database.core.CockroachDatabase;
import liquibase.database.core.H2Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.StandardLockService;

class SessionLockServiceTest {

    private final SessionLockService service = new SessionLockService();

    @Test
    void servesPostgresqlOverJdbc() {
        assertThat(service.supports(connected(mock(PostgresDatabase.class), mock(JdbcConnection.class)))).isTrue();
    }

    @Test
    void leavesOfflineUrlsAndOtherDatabasesToTheStandardService() {
        assertThat(service.supports(connected(mock(PostgresDatabase.class), mock(OfflineConnection.class)))).isFalse();
        assertThat(service.supports(mock(PostgresDatabase.class))).isFalse();
        assertThat(service.supports(connected(mock(CockroachDatabase.class), mock(JdbcConnection.class)))).isFalse();
        assertThat(service.supports(connected(mock(H2Database.class), mock(JdbcConnection.class)))).isFalse();
    }

    @Test
    void winsOverTheStandardServiceButNotOverTheOfflineOne() {
        assertThat(service.getPriority()).isGreaterThan(new StandardLockService().getPriority())
                .isLessThan(5000).isNotEqualTo(LockService.PRIORITY_DATABASE);
    }

    @Test
    void canBeResetWithoutADatabaseAsLiquibaseResetsItsPrototypes() {
        service.reset();

        assertThat(service.hasChangeLogLock()).isFalse();
    }

    private static Database connected(Database database, DatabaseConnection connection) {
        when(database.getConnection()).thenReturn(connection);
        return database;
    }
}
