package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.ChangeLifecycle;
import liquibase.ext.online.testing.ChangeLifecycle.KillPoint;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * A walk keeps its position in databasechangelog_online_walk, moved by each batch's own statement, so the rerun
 * after a kill starts after the last committed batch. A row nulled by hand behind that position shows whether
 * the rerun walked it again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WalkResumeIT {

    private static final String POSITIONS = "databasechangelog_online_walk";

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total_cents int NOT NULL, status varchar(40))",
                "INSERT INTO orders (total_cents) SELECT g * 10 FROM generate_series(1, 5000) g");
    }

    private String backfill(String value, String moreChanges) {
        return liquibase.xmlChangelog("backfill-" + System.nanoTime() + ".xml", """
                <changeSet id="backfill" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" valueComputed="%s"
                        batchSize="100" pauseMillis="20"/>
                    %s
                </changeSet>
                """.formatted(value, moreChanges));
    }

    /** Starts the update, kills its session once a fifth of the table is walked, and returns the next key. */
    private long killMidway(String changelog) throws Exception {
        ChangeLifecycle.of(liquibase, changelog).killedAt(KillPoint.when("SELECT coalesce(sum(rows_walked), 0) "
                + ">= 1000 FROM " + POSITIONS));
        return Long.parseLong((String) db.queryOne("SELECT next_key[1] FROM " + POSITIONS));
    }

    private long walked() {
        if (db.queryOne("SELECT to_regclass('" + POSITIONS + "')") == null) {
            return 0;
        }
        return db.count("SELECT coalesce(sum(rows_walked), 0) FROM " + POSITIONS);
    }

    @Test
    void theRerunAfterAKillStartsAfterTheLastCommittedBatch() throws Exception {
        String changelog = backfill("'n' || id", "");
        long next = killMidway(changelog);
        db.execute("UPDATE orders SET status = NULL WHERE id = 1");

        liquibase.update(changelog);

        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 1")).as("row 1 was not walked again").isNull();
        assertThat(db.count("SELECT count(*) FROM orders WHERE id >= " + next + " AND status IS DISTINCT FROM 'n' || id"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE id > 1 AND status IS DISTINCT FROM 'n' || id")).isZero();
    }

    @Test
    void thePositionIsNeverAheadOfTheData() throws Exception {
        long next = killMidway(backfill("'n' || id", ""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE id < " + next + " AND status IS NULL")).isZero();
        assertThat(db.count("SELECT rows_walked FROM " + POSITIONS)).isEqualTo(next - 1);
    }

    @Test
    void aChangedChangesetWalksFromTheFirstKeyAgain() throws Exception {
        killMidway(backfill("'n' || id", ""));
        db.execute("UPDATE orders SET status = NULL WHERE id = 1");

        liquibase.update(backfill("'changed'", ""));

        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 1")).isEqualTo("changed");
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isZero();
    }

    @Test
    void thePositionGoesWhenTheChangeCompletes() {
        liquibase.update(backfill("'n' || id", ""));

        assertThat(db.count("SELECT count(*) FROM " + POSITIONS)).isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 'n' || id")).isZero();
    }

    @Test
    void aWalkThatEndedBeforeALaterChangeOfItsChangesetFailedIsNotWalkedAgain() {
        db.execute("CREATE TABLE gate (open boolean)");
        String changelog = backfill("'n' || id", "<sql>SELECT 1 / count(*) FROM gate</sql>");
        assertThatThrownBy(() -> liquibase.update(changelog)).hasMessageContaining("division by zero");
        assertThat(db.count("SELECT count(*) FROM " + POSITIONS + " WHERE next_key IS NULL")).isEqualTo(1);
        db.execute("UPDATE orders SET status = NULL WHERE id = 1", "INSERT INTO gate VALUES (true)");

        liquibase.update(changelog);

        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 1")).isNull();
        assertThat(db.count("SELECT count(*) FROM databasechangelog WHERE id = 'backfill'")).isEqualTo(1);
    }

    @Test
    void aPositionLeftByAChangesetLiquibaseRecordedIsForgottenByTheNextWalk() {
        db.execute("CREATE TABLE gate (open boolean)", "INSERT INTO gate VALUES (true)");
        liquibase.update(backfill("'n' || id", "<sql>SELECT 1 / count(*) FROM gate</sql>"));
        assertThat(db.count("SELECT count(*) FROM " + POSITIONS)).as("kept: the walk was not the last change")
                .isEqualTo(1);

        liquibase.update(liquibase.xmlChangelog("later.xml", """
                <changeSet id="later" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" valueComputed="'x'"/>
                </changeSet>
                """));

        assertThat(db.count("SELECT count(*) FROM " + POSITIONS)).isZero();
    }

    @Test
    void operatorsSeeEveryRunningWalkWithTheDocumentedQuery() throws Exception {
        String changelog = backfill("'n' || id", "");
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibase.update(changelog));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (walked() < 500) {
                assertThat(System.nanoTime()).as("the walk made no progress").isLessThan(deadline);
                Thread.sleep(20);
            }
            List<List<Object>> rows = db.query(OPERATOR_QUERY);

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).subList(0, 3)).containsExactly("backfill", "test", "public.orders");
            assertThat(((Number) rows.get(0).get(4)).longValue()).isBetween(500L, 5000L);
        } finally {
            run.get(60, TimeUnit.SECONDS);
        }
    }

    /** As printed in docs/configuration.md. */
    private static final String OPERATOR_QUERY = """
            SELECT changeset_id, changeset_author, table_name, step,
                   rows_walked, rows_total, rows_updated, next_key, last_key,
                   round((rows_walked - run_rows_walked)
                         / greatest(extract(epoch FROM updated_at - run_started_at), 0.001)) AS rows_per_second,
                   updated_at
            FROM databasechangelog_online_walk
            WHERE next_key IS NOT NULL
            ORDER BY updated_at DESC
            """;
}
