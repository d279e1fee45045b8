package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.Bounded;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.LogCapture;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.StandbyServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * maxReplicationLag against a real streaming standby (issue 15): a second embedded PostgreSQL started from a base
 * backup of the test server, whose replay is paused with pg_wal_replay_pause(), so the WAL the backfill writes
 * piles up unreplayed. The rows are wide (about 250 bytes), so a batch of 500 writes well over 100 kB of WAL and
 * a 1MB limit is passed after a few batches.
 */
class ReplicationLagIT {

    private static final int ROWS = 20_000;
    private static final String WIDE_ROWS = "INSERT INTO orders (id, note) SELECT g, repeat('x', 200) "
            + "FROM generate_series(1, " + ROWS + ") g";
    private static final String WAITING = "waiting before the batch from key";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private LogCapture log;

    @BeforeEach
    void wideOrders() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, note text NOT NULL, status text)", WIDE_ROWS,
                "VACUUM ANALYZE orders");
        log = LogCapture.start();
    }

    @AfterEach
    void stopLogCapture() {
        log.stop();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aBackfillWaitsWhileTheStandbyLagsAndFinishesOnItsOwnOnceItReplays() throws Exception {
        try (StandbyServer standby = StandbyServer.startFor(db)) {
            standby.pauseReplay();
            String changelog = backfill("1", "maxReplicationLag=\"1MB\"");

            CompletableFuture<Void> run = Bounded.start("liquibase update", () -> liquibase.update(changelog));
            log.awaitMessageContaining(WAITING, 120);
            long filledWhenWaiting = filled();
            Thread.sleep(3_000);

            assertThat(run).isNotDone();
            assertThat(filled()).as("rows filled while the standby lags").isEqualTo(filledWhenWaiting)
                    .isLessThan(ROWS);
            assertThat(standby.bytesBehind()).isGreaterThan(1 << 20);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains(WAITING)
                    .contains("standby " + standby.name() + " (").contains("behind, limit 1 MB"));

            standby.resumeReplay();
            Bounded.await("liquibase update after the standby resumed", LIMIT, run);

            assertThat(filled()).isEqualTo(ROWS);
            assertThat(log.count("standbys within 1 MB again after")).isGreaterThanOrEqualTo(1);
            standby.awaitReplayed();
            assertThat(fingerprint(standby.database())).isEqualTo(fingerprint(db));
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aWaitLongerThanMaxThrottleWaitFailsClearlyAndTheRerunResumes() throws Exception {
        liquibase.setting("liquibase.online.maxReplicationLag", "1MB")
                .setting("liquibase.online.maxThrottleWait", "3s");
        String changelog = backfill("1", "");
        try (StandbyServer standby = StandbyServer.startFor(db)) {
            standby.pauseReplay();

            assertThatThrownBy(() -> Bounded.run("liquibase update", LIMIT, () -> liquibase.update(changelog)))
                    .hasMessageContaining("backfillInBatches in changeset")
                    .hasMessageContaining("stopped before the batch from key")
                    .hasMessageContaining("after waiting 3 s for the standbys: standby " + standby.name() + " (")
                    .hasMessageContaining("behind, more than maxReplicationLag 1 MB")
                    .hasMessageContaining("a rerun resumes the walk where it stopped");
            long filledBeforeRerun = filled();
            assertThat(filledBeforeRerun).isBetween(1L, ROWS - 1L);

            standby.resumeReplay();
            liquibase.updateWithin(LIMIT, changelog);

            assertThat(filled()).isEqualTo(ROWS);
            assertThat(log.count("resuming after")).isEqualTo(1);
            standby.awaitReplayed();
            assertThat(fingerprint(standby.database())).isEqualTo(fingerprint(db));
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void withoutStandbysTheSettingChangesNothing() throws Exception {
        assertThat(db.count("SELECT count(*) FROM pg_stat_replication")).as("standbys of the test server").isZero();
        db.execute("CREATE TABLE orders_unlimited (LIKE orders INCLUDING ALL)",
                "INSERT INTO orders_unlimited SELECT * FROM orders");

        liquibase.updateWithin(LIMIT, backfill("1", "maxReplicationLag=\"1kB\""));
        liquibase.updateWithin(LIMIT, liquibase.xmlChangelog("unlimited.xml", """
                <changeSet id="2" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders_unlimited" columnName="status"
                            valueComputed="'s' || (id % 7)" batchSize="500" maxReplicationLag="off"/>
                </changeSet>"""));

        assertThat(filled()).isEqualTo(ROWS);
        assertThat(db.queryOne("SELECT md5(string_agg(id || ':' || status, ',' ORDER BY id)) FROM orders"))
                .isEqualTo(db.queryOne("SELECT md5(string_agg(id || ':' || status, ',' ORDER BY id)) "
                        + "FROM orders_unlimited"));
        assertThat(log.messages()).noneMatch(m -> m.contains("standby"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRoleThatCannotReadTheLagIsWarnedOnceAndNotHeldBack() throws Exception {
        String role = "online_nomonitor_" + ProcessHandle.current().pid();
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD 'secret'",
                "GRANT ALL ON SCHEMA public TO " + role, "ALTER TABLE orders OWNER TO " + role);
        try (StandbyServer standby = StandbyServer.startFor(db)) {
            standby.pauseReplay();
            // the URL of the embedded server names its user (?user=postgres), which would win over ours
            TestDatabase roleDb = new TestDatabase(db.url().replaceFirst("\\?.*$", ""), role, "secret");
            assertThat(roleDb.count("SELECT count(*) FROM pg_stat_replication WHERE state IS NULL"))
                    .as("standbys whose details the role may not see").isEqualTo(1);
            LiquibaseRunner asRole = new LiquibaseRunner(roleDb).setting("liquibase.online.maxThrottleWait", "20s");

            asRole.updateWithin(LIMIT, asRole.xmlChangelog("role.xml", """
                    <changeSet id="1" author="test" runInTransaction="false">
                        <online:backfillInBatches tableName="orders" columnName="status"
                                valueComputed="'s' || (id % 7)" batchSize="500" maxReplicationLag="1kB"/>
                    </changeSet>"""));

            assertThat(filled()).isEqualTo(ROWS);
            assertThat(log.count("cannot read how far the 1 standby connection(s) in pg_stat_replication are "
                    + "behind")).isEqualTo(1);
            assertThat(log.count(WAITING)).isZero();
            standby.resumeReplay();
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    private String backfill(String id, String extraAttributes) {
        return liquibase.xmlChangelog("backfill-" + id + ".xml", """
                <changeSet id="%s" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" valueComputed="'s' || (id %% 7)"
                            batchSize="500" %s/>
                </changeSet>""".formatted(id, extraAttributes));
    }

    private long filled() {
        return db.count("SELECT count(*) FROM orders WHERE status IS NOT NULL");
    }

    private static Object fingerprint(TestDatabase database) {
        return database.queryOne("SELECT count(*) || ':' || md5(string_agg(id || ':' || coalesce(status, '-'), ',' "
                + "ORDER BY id)) FROM orders");
    }
}
