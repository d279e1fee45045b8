package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

class BackfillInBatchesIT {

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelogs/backfill/basic.xml", "changelogs/backfill/basic.yaml"})
    void fillsEveryNullRowOfATableCreatedInTheSameUpdate(String changelog) {
        liquibase.update(changelog);

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(2500);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isZero();
    }
}
