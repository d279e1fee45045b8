package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * A database whose default statement_timeout (1 s here, 30 s in many shops) is meant for the application: the
 * steps that do not block the application run without it, a batch runs under at least a minute, and the session
 * gets the database's value back. A function that sleeps 1 ms per row makes each long step take seconds.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StatementTimeoutIT {

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void databaseWithAOneSecondStatementTimeout() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total_cents int NOT NULL, status text)",
                "INSERT INTO orders (total_cents) SELECT g FROM generate_series(1, 2500) g",
                "CREATE FUNCTION slow(v bigint) RETURNS bigint LANGUAGE sql IMMUTABLE "
                        + "AS 'SELECT v FROM pg_sleep(0.001)'",
                "CREATE TABLE seen (statement_timeout text)",
                "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET statement_timeout = ''1s''', "
                        + "current_database()); END $$");
    }

    private void update(String changeSet) {
        liquibase.update(liquibase.xmlChangelog("timeout-" + System.nanoTime() + ".xml", changeSet + """
                <changeSet id="look" author="test" runInTransaction="false">
                    <sql>INSERT INTO seen SELECT current_setting('statement_timeout')</sql>
                </changeSet>
                """));
        assertThat(db.query("SELECT statement_timeout FROM seen")).as("the session's own value, given back")
                .containsExactly(List.of("1s"));
    }

    @Test
    void anIndexBuildLongerThanTheDatabasesStatementTimeoutCompletesValid() {
        update("""
                <changeSet id="index" author="test" runInTransaction="false">
                    <online:createIndexConcurrently tableName="orders" indexName="orders_slow_idx">
                        <column name="slow(id)" computed="true"/>
                    </online:createIndexConcurrently>
                </changeSet>
                """);

        assertThat(db.queryOne("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_slow_idx'::regclass"))
                .isEqualTo(true);
    }

    @Test
    void aValidateLongerThanTheDatabasesStatementTimeoutCompletes() {
        update("""
                <changeSet id="check" author="test" runInTransaction="false">
                    <online:addCheckConstraintOnline tableName="orders" constraintName="orders_slow_check"
                        constraintBody="slow(id) > 0"/>
                </changeSet>
                """);

        assertThat(db.queryOne("SELECT convalidated FROM pg_constraint WHERE conname = 'orders_slow_check'"))
                .isEqualTo(true);
    }

    @Test
    void aBatchLongerThanTheDatabasesStatementTimeoutCompletes() {
        update("""
                <changeSet id="fill" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" valueComputed="'s' || slow(id)"
                        batchSize="1500"/>
                </changeSet>
                """);

        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 's' || id")).isZero();
    }
}
