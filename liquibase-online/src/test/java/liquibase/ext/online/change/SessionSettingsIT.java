package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** The session Liquibase goes on using gets back what it had, not the role's defaults. */
class SessionSettingsIT {

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total_cents int NOT NULL)",
                "INSERT INTO orders (total_cents) SELECT g FROM generate_series(1, 3000) g",
                "CREATE TABLE seen (lock_timeout text, synchronous_commit text)");
    }

    @Test
    void aLockTimeoutAndSynchronousCommitSetEarlierInTheChangelogHoldAfterAnOnlineChange() {
        liquibase.update(liquibase.xmlChangelog("settings.xml", """
                <changeSet id="set" author="test" runInTransaction="false">
                    <sql>SET lock_timeout = '3s'; SET synchronous_commit = local</sql>
                </changeSet>
                <changeSet id="add" author="test" runInTransaction="false">
                    <online:addColumnOnline tableName="orders" batchSize="500">
                        <online:column name="token" type="uuid" defaultValueComputed="md5(random()::text)::uuid">
                            <online:constraints nullable="false"/>
                        </online:column>
                    </online:addColumnOnline>
                </changeSet>
                <changeSet id="look" author="test" runInTransaction="false">
                    <sql>INSERT INTO seen SELECT current_setting('lock_timeout'), current_setting('synchronous_commit')</sql>
                </changeSet>
                """));

        assertThat(db.query("SELECT lock_timeout, synchronous_commit FROM seen"))
                .containsExactly(List.of("3s", "local"));
        assertThat(db.count("SELECT count(*) FROM orders WHERE token IS NULL")).isZero();
    }
}
