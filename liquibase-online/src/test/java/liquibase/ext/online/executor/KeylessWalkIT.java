package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.testing.ApplicationWorkload;
import liquibase.ext.online.testing.Bounded;
import liquibase.ext.online.testing.Catalogs;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.LogCapture;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * Tables without a usable key (no primary key, no unique NOT NULL columns) are walked by physical block ranges:
 * {@code ctid >= '(b,0)' AND ctid < '(b+n,0)'}, one range per short transaction, bounded by the table's size in
 * blocks when the walk starts and resumable from the block it stopped at.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KeylessWalkIT {

    private static final String POSITIONS = "databasechangelog_online_walk";
    private static final int ROWS = 30_000;
    /** The application updates only the first rows, so the rest are the walk's to fill however fast it runs. */
    private static final int APP_UPDATED = 3_000;
    private static final Duration UPDATE_LIMIT = Duration.ofMinutes(3);

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private LogCapture log;

    @BeforeEach
    void keylessTable() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        log = LogCapture.start();
        db.execute("CREATE TABLE t (id int, v text, w int NOT NULL DEFAULT 0)",
                "INSERT INTO t (id) SELECT g FROM generate_series(1, " + ROWS + ") g",
                "CREATE INDEX t_id ON t (id)",
                "VACUUM ANALYZE t");
    }

    @AfterEach
    void stopLog() {
        log.stop();
    }

    private String changelog(String changes) {
        return liquibase.xmlChangelog("keyless-" + System.nanoTime() + ".xml", """
                <changeSet id="keyless" author="test" runInTransaction="false">
                    %s
                </changeSet>
                """.formatted(changes));
    }

    private String backfill(String attributes) {
        return changelog("<online:backfillInBatches tableName=\"t\" columnName=\"v\" " + attributes + "/>");
    }

    private int serverMajor() {
        return (int) (db.count("SELECT current_setting('server_version_num')::int") / 10000);
    }

    @Test
    void backfillFillsEveryRowAndEndsWhileTheApplicationInsertsAndUpdates() throws Exception {
        // Before 14 every batch reads the whole table, which the flood keeps growing: fewer, larger batches and
        // single-row inserts there, or the walk is quadratic in a table that grows by thousands of rows a second.
        boolean rangeScans = serverMajor() >= 14;
        String insert = "INSERT INTO t (id, v) SELECT -g, 'app' FROM generate_series(1, " + (rangeScans ? 50 : 1)
                + ") g";
        try (ApplicationWorkload app = ApplicationWorkload.start(db, insert, insert,
                "UPDATE t SET v = 'app', w = w + 1 WHERE id = ({n} * 7919) % " + APP_UPDATED + " + 1")) {
            app.awaitStatements(20);
            long before = app.rows();

            liquibase.updateWithin(UPDATE_LIMIT, backfill("value=\"walked\" pauseMillis=\"10\" batchSize=\""
                    + (rangeScans ? 250 : 3000) + "\""));

            assertThat(app.rows()).as("the application wrote while the walk ran").isGreaterThan(before);
            assertThat(app.failures()).isEmpty();
        }
        assertThat(db.count("SELECT count(*) FROM t WHERE id > 0")).as("seed rows, none lost").isEqualTo(ROWS);
        assertThat(db.count("SELECT count(DISTINCT id) FROM t WHERE id > 0")).isEqualTo(ROWS);
        assertThat(db.count("SELECT count(*) FROM t WHERE id > 0 AND v IS DISTINCT FROM 'walked' "
                + "AND v IS DISTINCT FROM 'app'")).as("seed rows the walk missed").isZero();
        assertThat(db.count("SELECT count(*) FROM t WHERE id > " + APP_UPDATED + " AND v = 'walked'"))
                .as("seed rows the application never touches").isEqualTo(ROWS - APP_UPDATED);
        assertThat(db.count("SELECT count(*) FROM t WHERE id < 0 AND v <> 'app'"))
                .as("the application's rows, changed by the walk").isZero();
        assertThat(log.count("walked by physical block ranges")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM " + POSITIONS)).isZero();
    }

    @Test
    void theRerunAfterAKillResumesAtTheStoredBlock() throws Exception {
        // room on every page: updates stay in their block (HOT), so a row nulled behind the position stays there
        db.execute("ALTER TABLE t SET (fillfactor = 10)", "VACUUM FULL t", "ANALYZE t");
        String changelog = backfill("valueComputed=\"'n' || id\" batchSize=\"500\" pauseMillis=\"20\"");
        long next = killMidway(changelog);
        long last = Long.parseLong((String) db.queryOne("SELECT last_key[1] FROM " + POSITIONS));
        assertThat(db.count("SELECT count(*) FROM t WHERE ctid < '(" + next + ",0)'::tid AND v IS NULL"))
                .as("the position is never ahead of the data").isZero();
        assertThat(db.count("SELECT rows_walked FROM " + POSITIONS))
                .isEqualTo(db.count("SELECT count(*) FROM t WHERE ctid < '(" + next + ",0)'::tid"));
        db.execute("UPDATE t SET v = NULL WHERE id = (SELECT id FROM t WHERE ctid < '(1,0)'::tid LIMIT 1)");
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS NULL AND ctid < '(1,0)'::tid")).isEqualTo(1);

        liquibase.update(changelog);

        assertThat(log.count("resuming after")).isEqualTo(1);
        assertThat(log.count("from block " + next + " to block " + last)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS NULL")).as("the row nulled behind the position")
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS NULL AND ctid < '(1,0)'::tid")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'n' || id AND v IS NOT NULL")).isZero();
    }

    @Test
    void aTableRewrittenBetweenRunsIsWalkedFromBlockZeroAgain() throws Exception {
        String changelog = backfill("valueComputed=\"'n' || id\" batchSize=\"100\" pauseMillis=\"20\"");
        killMidway(changelog);
        db.execute("VACUUM FULL t");

        liquibase.update(changelog);

        assertThat(log.count("was rewritten since an earlier run stopped at block")).isEqualTo(1);
        assertThat(log.count("resuming after")).isZero();
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'n' || id")).isZero();
    }

    /** Starts the update, kills its session once a fifth of the table is walked, and returns the next block. */
    private long killMidway(String changelog) throws Exception {
        CompletableFuture<Void> run = Bounded.start("update", () -> liquibase.update(changelog));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (walked() < ROWS / 5) {
            assertThat(System.nanoTime()).as("the walk made no progress").isLessThan(deadline);
            assertThat(run).as("the update ended before the kill").isNotDone();
            Thread.sleep(20);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
        return Long.parseLong((String) db.queryOne("SELECT next_key[1] FROM " + POSITIONS));
    }

    private long walked() {
        if (db.queryOne("SELECT to_regclass('" + POSITIONS + "')") == null) {
            return 0;
        }
        return db.count("SELECT coalesce(sum(rows_walked), 0) FROM " + POSITIONS);
    }

    @Test
    void keyColumnsStillWin() {
        db.execute("ALTER TABLE t ALTER COLUMN id SET NOT NULL");

        liquibase.update(backfill("value=\"keyed\" keyColumns=\"id\" batchSize=\"5000\""));

        assertThat(log.count("walked by physical block ranges")).isZero();
        assertThat(log.count("walking keys [1] to [" + ROWS + "]")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'keyed'")).isZero();
    }

    @Test
    void aBatchReadsOnlyItsBlocksOnPostgres14AndLater() {
        BackfillStep step = new BackfillStep("test", "public.t", "v", "'x'", "w >= 0", List.of(), 250, 0,
                new RetryPolicy(Duration.ofSeconds(1), 1, Duration.ofMillis(10), Duration.ofMillis(10)));
        String plan = db.query("EXPLAIN " + BlockWalk.batchSql(step, 10, 12, 12L, null)).stream()
                .map(row -> String.valueOf(row.get(0))).collect(Collectors.joining("\n"));

        if (serverMajor() >= 14) {
            assertThat(plan).contains("Tid Range Scan on t").doesNotContain("Seq Scan");
        } else {
            assertThat(plan).contains("Seq Scan on t");
        }
        assertThat(plan).as("the UPDATE finds its rows by ctid").contains("Tid Scan on t");
    }

    @Test
    void beforePostgres14EveryBatchScansTheTableSoItWarnsAndRefusesLargeTables() {
        boolean scansPerBatch = serverMajor() < 14;
        liquibase.setting("liquibase.online.maxKeylessScanSize", "64kB");
        String changelog = backfill("value=\"walked\" batchSize=\"5000\"");

        if (scansPerBatch) {
            assertThatThrownBy(() -> liquibase.update(changelog))
                    .hasMessageContaining("table public.t has no primary key and no unique index on NOT NULL columns")
                    .hasMessageContaining("above liquibase.online.maxKeylessScanSize (64 kB)")
                    .hasMessageContaining("keyColumns");
            assertThat(db.count("SELECT count(*) FROM t WHERE v IS NOT NULL")).as("nothing changed").isZero();
            liquibase.setting("liquibase.online.maxKeylessScanSize", "1GB");
            liquibase.update(changelog);
            assertThat(log.count("cannot scan a block range by itself")).isEqualTo(1);
        } else {
            liquibase.update(changelog);
            assertThat(log.count("cannot scan a block range by itself")).isZero();
        }
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'walked'")).isZero();
    }

    @Test
    void updateSqlPrintsTheBlockRangeLoopAndItRuns() {
        String printed = liquibase.updateSql(backfill("value=\"printed\" batchSize=\"1000\""));

        assertThat(printed).contains("walked by physical block ranges").contains("ctid >= ('(' || online_lo");
        int start = printed.indexOf("DO $online$");
        String block = printed.substring(start, printed.indexOf("$online$", start + 11) + 8);
        db.execute(block);
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'printed'")).isZero();
    }

    @Test
    void addNotNullConstraintOnlineFillsAKeylessTable() {
        liquibase.update(changelog("<online:addNotNullConstraintOnline tableName=\"t\" columnName=\"v\" "
                + "defaultNullValue=\"filled\" batchSize=\"2000\"/>"));

        assertThat(new Catalogs(db).column("t", "v")).isEqualTo("text|not null");
        assertThat(db.count("SELECT count(*) FROM t WHERE v IS DISTINCT FROM 'filled'")).isZero();
        assertThat(log.count("walked by physical block ranges")).isEqualTo(1);
    }

    @Test
    void renameColumnWithTriggerCopiesAKeylessTable() {
        db.execute("UPDATE t SET v = 's' || id WHERE id % 10 <> 0");

        liquibase.update(changelog("<online:renameColumnWithTrigger tableName=\"t\" oldColumnName=\"v\" "
                + "newColumnName=\"v2\" batchSize=\"2000\"/>"));

        assertThat(db.count("SELECT count(*) FROM t WHERE v2 IS DISTINCT FROM v")).isZero();
        assertThat(db.count("SELECT count(*) FROM t WHERE v2 IS NOT NULL")).isEqualTo(ROWS - ROWS / 10);
        assertThat(log.count("walked by physical block ranges")).isEqualTo(1);
    }

    @Test
    void changeColumnTypeOnlineCopiesAKeylessTable() {
        liquibase.update(changelog("<online:changeColumnTypeOnline tableName=\"t\" columnName=\"w\" "
                + "newDataType=\"bigint\" batchSize=\"2000\"/>"));

        assertThat(new Catalogs(db).column("t", "w")).isEqualTo("bigint|not null");
        assertThat(db.count("SELECT count(*) FROM t WHERE w IS DISTINCT FROM 0")).isZero();
        assertThat(db.count("SELECT count(*) FROM t")).isEqualTo(ROWS);
        assertThat(log.count("walked by physical block ranges")).isEqualTo(1);
    }
}
