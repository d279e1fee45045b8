package liquibase.ext.online.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import liquibase.ext.online.lock.SessionMarker;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * Liquibase's changelog lock with the extension, through the real CLI in child JVMs: a run killed with SIGKILL,
 * two runs at once, and runs of a Liquibase without the extension next to ours. Every test starts more than one
 * process, so every test has a time limit; the processes are killed after each test.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ChangelogLockIT {

    private static final String STOCK_HOLDER = "old-host (10.1.2.3)";
    private static final String WAITING = "Waiting for the changelog lock: ";

    @TempDir
    Path workDir;

    private TestDatabase db;
    private CommandLine ours;
    private CommandLine stock;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.get().newDatabase();
        ours = new CommandLine(workDir);
        db.execute("CREATE TABLE events (what text PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp())");
    }

    @AfterEach
    void stopLeftoverProcesses() throws Exception {
        ours.close();
        if (stock != null) {
            stock.close();
        }
    }

    /** A changelog whose backfill of 300,000 rows takes a while, with {@code more} changesets after it. */
    private void slowBackfill(String... more) throws Exception {
        List<String> changeSets = new ArrayList<>(List.of(
                sql("orders", "CREATE TABLE orders (id bigint PRIMARY KEY, status text); "
                        + "INSERT INTO orders (id) SELECT g FROM generate_series(1, 300000) g"),
                """
                <changeSet id="backfill" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" value="done" batchSize="2000"
                            pauseMillis="100"/>
                </changeSet>"""));
        changeSets.addAll(List.of(more));
        changelog("changelog.xml", changeSets.toArray(String[]::new));
    }

    @Test
    void anUpdateAfterAKilledOneTakesItsLockOverByItselfAndFinishesTheWork() throws Exception {
        slowBackfill(event("after"));
        CommandLine.Run first = ours.start(update("changelog.xml"));
        awaitTrue("SELECT count(status) >= 20000 FROM orders");
        String holder = lockedBy();
        assertThat(holder).as("the first run holds the changelog lock").isNotNull();

        first.kill();

        assertThat(lockedBy()).as("a killed run leaves the row locked").isEqualTo(holder);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).as("killed mid-way").isPositive();
        CommandLine.Result rerun = ours.run(update("changelog.xml", "--changelog-lock-wait-time-in-minutes=1"));

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(rerun.stderr()).contains("Took over the changelog lock left by backend pid "
                + SessionMarker.in(holder).orElseThrow().pid());
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 'done'")).isZero();
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(1);
        assertThat(lockedBy()).as("released").isNull();
    }

    @Test
    void theUpdateAfterAKill9ResumesTheWalkAfterItsLastCommittedBatch() throws Exception {
        slowBackfill();
        CommandLine.Run first = ours.start(update("changelog.xml"));
        awaitTrue("SELECT count(status) >= 20000 FROM orders");
        first.kill();
        // the server ends the killed run's session, and with it its last batch, before its advisory lock goes
        awaitTrue("SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory')");
        long next = Long.parseLong(String.valueOf(db.queryOne("SELECT next_key[1] FROM databasechangelog_online_walk")));
        assertThat(db.count("SELECT count(*) FROM orders WHERE id < " + next + " AND status IS NULL"))
                .as("the recorded position is never ahead of the data").isZero();
        db.execute("UPDATE orders SET status = NULL WHERE id = 1");

        CommandLine.Result rerun = ours.run(update("changelog.xml", "--changelog-lock-wait-time-in-minutes=1"));

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(rerun.stderr()).contains("resuming after " + (next - 1) + " rows walked by an earlier run");
        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 1")).as("not walked again").isNull();
        assertThat(db.count("SELECT count(*) FROM orders WHERE id > 1 AND status IS DISTINCT FROM 'done'")).isZero();
        assertThat(db.count("SELECT count(*) FROM databasechangelog_online_walk")).as("forgotten when done").isZero();
    }

    @Test
    void aKillDuringALongStatementFreesTheSessionLockWithinSeconds() throws Exception {
        assumeTrue(db.count("SHOW server_version_num") >= 140000, "client_connection_check_interval: PostgreSQL 14+");
        changelog("changelog.xml", sleep("long", 120));
        CommandLine.Run run = ours.start(update("changelog.xml"));
        awaitTrue("SELECT count(*) = 1 FROM pg_stat_activity WHERE datname = current_database() "
                + "AND query LIKE 'SELECT pg_sleep(120)%'");

        run.kill();
        long killedAt = System.nanoTime();
        awaitTrue("SELECT count(*) = 0 FROM pg_locks WHERE locktype = 'advisory'");

        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("PostgreSQL 14+ with the connection check")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void twoUpdatesStartedTogetherRunEachChangesetOnceAndTheWaitingOneNamesTheHolder() throws Exception {
        changelog("changelog.xml", event("first"), gated("slow"), event("last"));
        alreadyMigrated();

        List<CommandLine.Result> results;
        int holderPid;
        try (Gate gate = new Gate()) {
            CommandLine.Run one = ours.start(update("changelog.xml", "--changelog-lock-poll-rate=1"));
            CommandLine.Run other = ours.start(update("changelog.xml", "--changelog-lock-poll-rate=1"));
            gate.awaitHolder();
            holderPid = SessionMarker.in(lockedBy()).orElseThrow().pid();
            awaitTrue(() -> one.stderrSoFar().contains(WAITING) || other.stderrSoFar().contains(WAITING),
                    "one of the two updates waits for the lock");
            gate.open();
            results = List.of(one.await(), other.await());
        }

        assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).as(r.stderr()).isZero());
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(3);
        assertThat(db.count("SELECT count(DISTINCT id) FROM databasechangelog")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(2);
        assertThat(results.stream().map(CommandLine.Result::stderr).filter(err -> err.contains(WAITING)))
                .singleElement().asString()
                .contains(WAITING + "another liquibase-online update holds it: backend pid " + holderPid);
    }

    @Test
    void aLiquibaseWithoutTheExtensionWaitsWhileOursHoldsTheLock() throws Exception {
        stock = CommandLine.stock(workDir);
        changelog("ours.xml", gated("slow"), event("ours done"));
        changelog("stock.xml", event("stock"));

        CommandLine.Result stockResult;
        CommandLine.Result ourResult;
        try (Gate gate = new Gate()) {
            CommandLine.Run ourRun = ours.start(update("ours.xml"));
            gate.awaitHolder();
            CommandLine.Run stockRun = stock.start(update("stock.xml", "--changelog-lock-poll-rate=1",
                    "--log-level=INFO"));
            stockRun.awaitStderr("Waiting for changelog lock");
            gate.open();
            stockResult = stockRun.await();
            ourResult = ourRun.await();
        }

        assertThat(ourResult.exitCode()).as(ourResult.stderr()).isZero();
        assertThat(stockResult.exitCode()).as(stockResult.stderr()).isZero();
        assertThat(ranAfter("stock", "ours done")).isTrue();
    }

    @Test
    void oursWaitsForALiquibaseWithoutTheExtensionAndNeverTakesItsLockOver() throws Exception {
        stock = CommandLine.stock(workDir);
        changelog("stock.xml", gated("slow"), event("stock done"));
        changelog("ours.xml", event("ours"));

        CommandLine.Result ourResult;
        CommandLine.Result stockResult;
        try (Gate gate = new Gate()) {
            CommandLine.Run stockRun = stock.start(update("stock.xml"));
            gate.awaitHolder();
            assertThat(SessionMarker.in(lockedBy())).as("a stock row carries no marker").isEmpty();
            CommandLine.Run ourRun = ours.start(update("ours.xml", "--changelog-lock-poll-rate=1"));
            ourRun.awaitStderr(WAITING);
            gate.open();
            ourResult = ourRun.await();
            stockResult = stockRun.await();
        }

        assertThat(stockResult.exitCode()).as(stockResult.stderr()).isZero();
        assertThat(ourResult.exitCode()).as(ourResult.stderr()).isZero();
        assertThat(ranAfter("ours", "stock done")).isTrue();
        assertThat(ourResult.stderr()).contains(WAITING + "a Liquibase without liquibase-online's session lock holds it");
    }

    @Test
    void aStaleLockOfALiquibaseWithoutTheExtensionIsRespectedAndNamedWhenTheWaitEnds() throws Exception {
        lockTableHeldBy(STOCK_HOLDER);
        changelog("ours.xml", event("ours"));

        CommandLine.Result result = ours.run(update("ours.xml",
                "--changelog-lock-wait-time-in-minutes=0", "--changelog-lock-poll-rate=1"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr())
                .contains(WAITING + "a Liquibase without liquibase-online's session lock holds it: '" + STOCK_HOLDER)
                .contains("Could not acquire change log lock.  Currently locked by " + STOCK_HOLDER);
        assertThat(lockedBy()).isEqualTo(STOCK_HOLDER);
        assertThat(db.count("SELECT count(*) FROM events")).isZero();
    }

    @Test
    void withTheSessionLockTurnedOffTheStandardServiceWaitsEvenForOurStaleLock() throws Exception {
        String ghost = new SessionMarker(123, Instant.parse("2026-01-01T00:00:00Z")).lockedBy("ghost (10.9.9.9)");
        lockTableHeldBy(ghost);
        changelog("ours.xml", event("ours"));

        CommandLine.Result result = ours.run(update("ours.xml", "--online-session-lock=false",
                "--changelog-lock-wait-time-in-minutes=0", "--changelog-lock-poll-rate=1"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("Could not acquire change log lock").doesNotContain(WAITING);
        assertThat(lockedBy()).isEqualTo(ghost);
    }

    @Test
    void aStaleLockOfOursWhoseSessionHasEndedIsTakenOver() throws Exception {
        lockTableHeldBy(new SessionMarker(123, Instant.parse("2026-01-01T00:00:00Z")).lockedBy("ghost (10.9.9.9)"));
        changelog("ours.xml", event("ours"));

        CommandLine.Result result = ours.run(update("ours.xml", "--changelog-lock-wait-time-in-minutes=0"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Took over the changelog lock left by backend pid 123 ('ghost (10.9.9.9)");
        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(1);
        assertThat(lockedBy()).isNull();
    }

    @Test
    void releaseLocksFreesAStaleLockOfALiquibaseWithoutTheExtension() throws Exception {
        lockTableHeldBy(STOCK_HOLDER);
        changelog("ours.xml", event("ours"));

        CommandLine.Result released = ours.run(connected("release-locks"));
        CommandLine.Result updated = ours.run(update("ours.xml", "--changelog-lock-wait-time-in-minutes=0"));

        assertThat(released.exitCode()).as(released.stderr()).isZero();
        assertThat(updated.exitCode()).as(updated.stderr()).isZero();
        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(1);
    }

    @Test
    void releaseLocksDuringARunningUpdateStillKeepsOurOtherUpdatesWaiting() throws Exception {
        changelog("ours.xml", gated("slow"), event("first done"));
        changelog("second.xml", event("second"));
        CommandLine.Result released;
        CommandLine.Result second;
        CommandLine.Result firstResult;
        try (Gate gate = new Gate()) {
            CommandLine.Run first = ours.start(update("ours.xml"));
            gate.awaitHolder();

            released = ours.run(connected("release-locks"));
            assertThat(lockedBy()).as("the row is cleared").isNull();
            CommandLine.Run secondRun = ours.start(update("second.xml", "--changelog-lock-poll-rate=1"));
            secondRun.awaitStderr(WAITING);
            gate.open();
            second = secondRun.await();
            firstResult = first.await();
        }

        assertThat(released.exitCode()).as(released.stderr()).isZero();
        assertThat(released.stderr()).contains("still holds liquibase-online's session lock");
        assertThat(firstResult.exitCode()).as(firstResult.stderr()).isZero();
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(ranAfter("second", "first done")).isTrue();
    }

    /**
     * Runs an empty changelog, which creates Liquibase's tables as on any database that has seen an update.
     * Liquibase creates DATABASECHANGELOG before it takes the lock, so two first-ever updates can collide on it.
     */
    private void alreadyMigrated() throws Exception {
        changelog("empty.xml");
        CommandLine.Result result = ours.run(update("empty.xml"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    private void changelog(String name, String... changeSets) throws Exception {
        Files.writeString(workDir.resolve(name), LiquibaseRunner.xmlChangelogText(String.join("\n", changeSets)));
    }

    private static String sql(String id, String sql) {
        return "<changeSet id=\"" + id + "\" author=\"test\"><sql>" + sql + "</sql></changeSet>";
    }

    private static String event(String what) {
        return sql(what.replace(' ', '-'), "INSERT INTO events (what) VALUES ('" + what + "')");
    }

    /** A changeset that waits until the test opens the {@link Gate}: the run holds the lock until then. */
    private static String gated(String id) {
        return sql(id, "SELECT pg_advisory_lock(" + Gate.KEY + "), pg_advisory_unlock(" + Gate.KEY + ")");
    }

    /**
     * Holds a run inside its {@link #gated} changeset, with the changelog lock, for as long as the test needs,
     * instead of a sleep that a slow machine outlasts before the second run has even started. Closing opens it.
     */
    private final class Gate implements AutoCloseable {

        /** The two-key form, apart from the one-key advisory locks of the lock service. */
        static final String KEY = "7311, 1";

        private final java.sql.Connection connection = db.connect();

        Gate() throws java.sql.SQLException {
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
            }
        }

        /** Waits until a run holds the changelog lock and waits at the gate. */
        void awaitHolder() throws InterruptedException {
            awaitTrue("SELECT EXISTS (SELECT 1 FROM databasechangeloglock WHERE id = 1 AND locked)");
            awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_advisory_lock(7311%'"
                    + " AND wait_event_type = 'Lock')");
        }

        void open() throws java.sql.SQLException {
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
            }
        }

        @Override
        public void close() throws java.sql.SQLException {
            connection.close();
        }
    }

    private static String sleep(String id, int seconds) {
        return sql(id, "SELECT pg_sleep(" + seconds + ")");
    }

    private String[] update(String changelog, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add("--changelog-file=" + changelog);
        return Stream.concat(args.stream(), Stream.of(connected("update"))).toArray(String[]::new);
    }

    private String[] connected(String command) {
        return new String[] {"--url=" + db.url(), "--username=" + db.user(), "--password=" + db.password(), command};
    }

    /** The lock table as Liquibase creates it, its row left LOCKED by a run that is gone. */
    private void lockTableHeldBy(String lockedBy) {
        db.execute("CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, "
                        + "lockgranted timestamp, lockedby varchar(255))",
                "INSERT INTO databasechangeloglock VALUES (1, true, now() - interval '1 hour', '" + lockedBy + "')");
    }

    /** LOCKEDBY while the row is locked, else null. */
    private String lockedBy() {
        return (String) db.queryOne("SELECT lockedby FROM databasechangeloglock WHERE id = 1 AND locked");
    }

    private boolean ranAfter(String later, String earlier) {
        return (Boolean) db.queryOne("SELECT (SELECT at FROM events WHERE what = '" + later + "') "
                + "> (SELECT at FROM events WHERE what = '" + earlier + "')");
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within a minute: " + what);
    }

    /** Polls until the query says true; its tables may not exist yet. */
    private void awaitTrue(String query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(db.queryOne(query))) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // the run has not created the table yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not true within a minute: " + query);
    }
}
