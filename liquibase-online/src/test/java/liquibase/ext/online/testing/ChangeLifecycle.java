package liquibase.ext.online.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import liquibase.ext.online.testing.Catalogs.Fingerprint;

/**
 * The life of a changelog as operations live it: applied, killed part-way and run again, done but not recorded
 * and run again, rolled back, the rollback run again, printed with update-sql and rollback-sql. Each stage is
 * checked against a fingerprint of schema and data ({@link Catalogs#fingerprint}):
 * <ul>
 *   <li>after a rerun the database equals the one a clean, uninterrupted run gives: the same setup on a second,
 *       fresh database, updated once;</li>
 *   <li>after a rollback the schema equals the one before the update;</li>
 *   <li>update-sql and rollback-sql change nothing.</li>
 * </ul>
 * Every wait has a limit ({@link #LIMIT}) and fails naming what did not happen; a test that kills a run should
 * still carry a {@code @Timeout}, as the run goes on beside it.
 * <pre>{@code
 * ChangeLifecycle.of(liquibase, MyIT::orders, changelog)
 *         .killedAt(KillPoint.beforeStep("validate check"))
 *         .update()
 *         .assertLikeACleanRun();
 * }</pre>
 */
public final class ChangeLifecycle {

    /** The longest any one stage may take. */
    public static final Duration LIMIT = Duration.ofMinutes(2);

    private static final String SAVED_ROW = "databasechangelog_lifecycle_saved";
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** What the test's database got before the changelog ran: tables, rows, an earlier release. */
    @FunctionalInterface
    public interface Setup {
        void prepare(TestDatabase db, LiquibaseRunner liquibase) throws Exception;
    }

    /** Where a run is killed: its sessions are ended with pg_terminate_backend, as a killed process leaves them. */
    public record KillPoint(String description, String logFragment, String condition) {

        /**
         * As the extension logs a step whose description contains {@code logFragment}: the sessions end before
         * the step's statement is sent, so the step never runs.
         */
        public static KillPoint beforeStep(String logFragment) {
            return new KillPoint("before the step '" + logFragment + "'", logFragment, null);
        }

        /**
         * Once the SQL {@code condition} holds, as seen from another session (polled; an error, say of a column
         * that does not exist yet, counts as false): mid-way through a walk, for example.
         */
        public static KillPoint when(String condition) {
            return new KillPoint("when " + condition, null, condition);
        }
    }

    private final LiquibaseRunner liquibase;
    private final TestDatabase db;
    private final Catalogs catalog;
    private final Setup setup;
    private final String changelog;
    private final Set<String> ignoredColumns = new HashSet<>();
    private final Fingerprint before;
    private final long recordedBefore;
    private Fingerprint clean;
    private long recordedByCleanRun;

    private ChangeLifecycle(LiquibaseRunner liquibase, Setup setup, String changelog) {
        this.liquibase = liquibase;
        this.db = liquibase.database();
        this.catalog = new Catalogs(db);
        this.setup = setup;
        this.changelog = changelog;
        this.before = catalog.fingerprint(Set.of());
        this.recordedBefore = recorded(db);
    }

    /**
     * The lifecycle of {@code changelog} on the database of {@code liquibase}, which {@code setup} has prepared
     * already; the state now is "before". The clean run, when an assertion needs it, runs {@code setup} and then
     * the changelog on a fresh database of its own.
     */
    public static ChangeLifecycle of(LiquibaseRunner liquibase, Setup setup, String changelog) {
        return new ChangeLifecycle(liquibase, setup, changelog);
    }

    /** The lifecycle of {@code changelog} where no stage compares with a clean run: rollback, update-sql. */
    public static ChangeLifecycle of(LiquibaseRunner liquibase, String changelog) {
        return new ChangeLifecycle(liquibase, null, changelog);
    }

    /** A fresh database prepared by {@code setup}, and its lifecycle of {@code changelog}. */
    public static ChangeLifecycle onFreshDatabase(Setup setup, String changeSets) throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        LiquibaseRunner liquibase = new LiquibaseRunner(db);
        setup.prepare(db, liquibase);
        return of(liquibase, setup, liquibase.xmlChangelog("lifecycle.xml", changeSets));
    }

    /** Values of these columns ("table.column") differ between runs by design and are not compared. */
    public ChangeLifecycle ignoringValuesOf(String... columns) {
        ignoredColumns.addAll(List.of(columns));
        clean = null;
        return this;
    }

    public TestDatabase db() {
        return db;
    }

    public String changelog() {
        return changelog;
    }

    // ---- what happens ----------------------------------------------------------------------------------------

    /** liquibase update, at most {@link #LIMIT}. */
    public ChangeLifecycle update() throws Exception {
        liquibase.updateWithin(LIMIT, changelog);
        return this;
    }

    /**
     * An update killed at {@code point}: it fails with the error of its ended session, and Liquibase has not
     * recorded the changeset that was running.
     */
    public ChangeLifecycle killedAt(KillPoint point) throws Exception {
        String thread = "liquibase update killed " + point.description() + " #" + RUNS.incrementAndGet();
        AtomicBoolean killed = new AtomicBoolean();
        LogCapture log = LogCapture.start(message -> {
            if (point.logFragment() != null && message.contains(point.logFragment())
                    && Thread.currentThread().getName().equals(thread) && killed.compareAndSet(false, true)) {
                terminateOtherSessions();
            }
        });
        try {
            CompletableFuture<Void> run = Bounded.start(thread, () -> liquibase.update(changelog));
            if (point.condition() != null) {
                long deadline = System.nanoTime() + LIMIT.toNanos();
                while (!holds(point.condition())) {
                    assertThat(run).as("the update ended before the kill point, " + point.description()).isNotDone();
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the kill point was not reached within " + LIMIT.toSeconds()
                                + "s: " + point.description());
                    }
                    Thread.sleep(20);
                }
                killed.set(true);
                terminateOtherSessions();
            }
            assertThatThrownBy(() -> Bounded.await(thread, LIMIT, run))
                    .as("the killed update, %s", point.description())
                    .isNotInstanceOf(AssertionError.class)
                    .hasRootCauseInstanceOf(SQLException.class);
        } finally {
            log.stop();
        }
        assertThat(killed).as("the kill point was reached: %s", point.description()).isTrue();
        assertThat(recorded(db)).as("changesets recorded after the killed run").isEqualTo(recordedBefore);
        return this;
    }

    /**
     * The last changeset did all its work but Liquibase did not record it, as when the process is killed between
     * the two: its row in databasechangelog goes.
     */
    public ChangeLifecycle forgetTheLastChangeset() {
        assertThat(recorded(db)).as("a changeset to forget").isGreaterThan(recordedBefore);
        db.execute("DELETE FROM databasechangelog WHERE (id, author, filename) IN (SELECT id, author, filename "
                + "FROM databasechangelog ORDER BY dateexecuted DESC, orderexecuted DESC LIMIT 1)");
        return this;
    }

    /** rollback-count 1, keeping the row of the changeset rolled back for {@link #rollbackAgain}. */
    public ChangeLifecycle rollback() throws Exception {
        db.execute("DROP TABLE IF EXISTS " + SAVED_ROW, "CREATE TABLE " + SAVED_ROW + " AS SELECT * FROM "
                + "databasechangelog ORDER BY dateexecuted DESC, orderexecuted DESC LIMIT 1");
        Bounded.run("liquibase rollback-count 1 " + changelog, LIMIT, () -> liquibase.rollbackCount(changelog, 1));
        return this;
    }

    /**
     * The same rollback once more, as when the rollback did its work but was killed before Liquibase removed the
     * changeset's row: the row is put back and rollback-count 1 runs again.
     */
    public ChangeLifecycle rollbackAgain() throws Exception {
        assertThat(db.count("SELECT count(*) FROM " + SAVED_ROW)).as("a rollback to run again").isEqualTo(1);
        db.execute("INSERT INTO databasechangelog SELECT * FROM " + SAVED_ROW);
        return rollback();
    }

    // ---- what must hold --------------------------------------------------------------------------------------

    /** Schema and data equal those of a clean run, and as many changesets are recorded. */
    public ChangeLifecycle assertLikeACleanRun() throws Exception {
        Fingerprint expected = cleanRun();
        assertThat(catalog.fingerprint(ignoredColumns).lines()).as("schema and data, compared with a clean run")
                .containsExactlyElementsOf(expected.lines());
        assertThat(recorded(db)).as("changesets recorded, compared with a clean run").isEqualTo(recordedByCleanRun);
        return this;
    }

    /** The schema equals the one before the update, and the changesets recorded then are the ones recorded now. */
    public ChangeLifecycle assertSchemaAsBefore() {
        assertThat(catalog.fingerprint(Set.of()).schema()).as("schema, compared with before the update")
                .containsExactlyElementsOf(before.schema());
        assertThat(recorded(db)).as("changesets recorded, compared with before the update").isEqualTo(recordedBefore);
        return this;
    }

    /** An update fails with a message containing {@code messagePart} and changes nothing. */
    public ChangeLifecycle assertUpdateRefused(String messagePart) {
        return assertRefused("liquibase update ", () -> liquibase.update(changelog), messagePart);
    }

    /** Rollback fails with a message containing {@code messagePart} and changes nothing. */
    public ChangeLifecycle assertRollbackRefused(String messagePart) {
        return assertRefused("liquibase rollback-count 1 ", () -> liquibase.rollbackCount(changelog, 1), messagePart);
    }

    private ChangeLifecycle assertRefused(String command, Bounded.Work work, String messagePart) {
        Fingerprint now = catalog.fingerprint(Set.of());
        long recordedNow = recorded(db);
        assertThatThrownBy(() -> Bounded.run(command + changelog, LIMIT, work))
                .isNotInstanceOf(AssertionError.class)
                .hasMessageContaining(messagePart);
        assertThat(catalog.fingerprint(Set.of()).lines()).as("schema and data after the refused " + command)
                .containsExactlyElementsOf(now.lines());
        assertThat(recorded(db)).as("changesets recorded after the refused " + command).isEqualTo(recordedNow);
        return this;
    }

    /** The update-sql output; the database, schema and data, is as it was. */
    public String updateSqlChangingNothing() throws Exception {
        return printedChangingNothing("update-sql", () -> liquibase.updateSql(changelog));
    }

    /** The rollback-sql output of the last changeset (rollback-count-sql 1); the database is as it was. */
    public String rollbackSqlChangingNothing() throws Exception {
        return printedChangingNothing("rollback-count-sql 1", () -> liquibase.rollbackCountSql(changelog, 1));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private String printedChangingNothing(String command, Callable<String> print)
            throws Exception {
        List<String> now = catalog.fingerprint(Set.of()).lines();
        long recordedNow = recorded(db);
        String sql = Bounded.call("liquibase " + command + " " + changelog, LIMIT, print);
        assertThat(catalog.fingerprint(Set.of()).lines()).as("schema and data after " + command)
                .containsExactlyElementsOf(now);
        assertThat(recorded(db)).as("changesets recorded after " + command).isEqualTo(recordedNow);
        return sql;
    }

    private Fingerprint cleanRun() throws Exception {
        if (clean == null) {
            if (setup == null) {
                throw new IllegalStateException("a clean run needs the setup: ChangeLifecycle.of(liquibase, setup, "
                        + "changelog)");
            }
            TestDatabase reference = PostgresServer.get().newDatabase();
            LiquibaseRunner runner = liquibase.on(reference);
            setup.prepare(reference, runner);
            runner.updateWithin(LIMIT, changelog);
            clean = new Catalogs(reference).fingerprint(ignoredColumns);
            recordedByCleanRun = recorded(reference);
        }
        return clean;
    }

    private static long recorded(TestDatabase db) {
        return db.queryOne("SELECT to_regclass('databasechangelog')") == null ? 0
                : db.count("SELECT count(*) FROM databasechangelog");
    }

    private boolean holds(String condition) {
        try {
            return Boolean.TRUE.equals(db.queryOne("SELECT (" + condition + ")::boolean"));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Ends every other client session of the database and waits until they are gone. */
    private void terminateOtherSessions() {
        String others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND backend_type = 'client backend'";
        db.execute("SELECT pg_terminate_backend(pid) " + others);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (db.count("SELECT count(*) " + others) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions of the killed run still there 30s after pg_terminate_backend");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while ending the sessions of the killed run", e);
            }
        }
    }
}
