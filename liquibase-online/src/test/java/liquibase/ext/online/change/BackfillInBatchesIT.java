package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import liquibase.ext.online.testing.ChangeLifecycle;
import liquibase.ext.online.testing.ChangeLifecycle.KillPoint;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** backfillInBatches through real `liquibase update` on a real PostgreSQL. */
class BackfillInBatchesIT {

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
    }

    private void ordersWithRows(int rows) {
        ordersWithRows(db, rows);
    }

    private static void ordersWithRows(TestDatabase db, int rows) {
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total_cents int NOT NULL, status varchar(40))",
                "INSERT INTO orders (total_cents) SELECT g * 10 FROM generate_series(1, " + rows + ") g");
    }

    private String backfill(String attributes) {
        return liquibase.xmlChangelog("backfill-" + System.nanoTime() + ".xml", """
                <changeSet id="backfill" author="test" runInTransaction="false">
                    <online:backfillInBatches %s/>
                </changeSet>
                """.formatted(attributes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelogs/backfill/basic.xml", "changelogs/backfill/basic.yaml",
            "changelogs/backfill/basic.json"})
    void fillsEveryNullRowOfATableCreatedEarlierInTheSameUpdate(String changelog) {
        liquibase.update(changelog);

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(2500);
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(2);
    }

    @Test
    void leavesRowsThatAlreadyHaveAValueAlone() {
        ordersWithRows(1000);
        db.execute("UPDATE orders SET status = 'shipped' WHERE id % 3 = 0");

        liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" value=\"pending\" batchSize=\"64\""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'shipped'")).isEqualTo(333);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(667);
    }

    @Test
    void computesTheValueFromOtherColumnsOfTheRow() {
        ordersWithRows(500);

        liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" "
                + "valueComputed=\"'cents:' || (total_cents * 2)\" batchSize=\"70\""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'cents:' || (total_cents * 2)"))
                .isEqualTo(500);
    }

    @Test
    void touchesOnlyTheRowsTheWhereFilterSelects() {
        ordersWithRows(1000);

        liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" value=\"big\" "
                + "where=\"total_cents &gt; 5000\" batchSize=\"100\""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'big'")).isEqualTo(500);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isEqualTo(500);
    }

    @ParameterizedTest(name = "key of type {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "text        ; 'k' || lpad(g::text, 6, '0')",
            "uuid        ; md5(g::text)::uuid",
            "timestamptz ; timestamptz '2024-01-01 00:00:00.123456+00' + g * interval '1.5 second'",
            "numeric     ; g / 7.0"})
    void walksATableByAKeyOfAnyType(String type, String keyExpression) {
        db.execute("CREATE TABLE items (code " + type + " PRIMARY KEY, label text)",
                "INSERT INTO items (code) SELECT " + keyExpression + " FROM generate_series(1, 1234) g");

        liquibase.update(backfill("tableName=\"items\" columnName=\"label\" value=\"x\" batchSize=\"100\""));

        assertThat(db.count("SELECT count(*) FROM items WHERE label = 'x'")).isEqualTo(1234);
    }

    @Test
    void walksACompositePrimaryKey() {
        db.execute("CREATE TABLE order_lines (order_id int, line_no int, sku text, price int, "
                        + "PRIMARY KEY (order_id, line_no))",
                "INSERT INTO order_lines (order_id, line_no) "
                        + "SELECT o, l FROM generate_series(1, 300) o, generate_series(1, 7) l");

        liquibase.update(backfill("tableName=\"order_lines\" columnName=\"price\" "
                + "valueComputed=\"order_id * 100 + line_no\" batchSize=\"50\""));

        assertThat(db.count("SELECT count(*) FROM order_lines WHERE price = order_id * 100 + line_no"))
                .isEqualTo(2100);
    }

    @Test
    void walksByTheGivenKeyColumnsWhenTheTableHasNoPrimaryKey() {
        db.execute("CREATE TABLE events (source text NOT NULL, seq int NOT NULL, note text)",
                "INSERT INTO events SELECT 's' || (g % 5), g FROM generate_series(1, 800) g");

        liquibase.update(backfill("tableName=\"events\" columnName=\"note\" value=\"seen\" "
                + "keyColumns=\"source, seq\" batchSize=\"33\""));

        assertThat(db.count("SELECT count(*) FROM events WHERE note = 'seen'")).isEqualTo(800);
    }

    @Test
    void usesAUniqueNotNullIndexWhenThereIsNoPrimaryKey() {
        db.execute("CREATE TABLE accounts (email text NOT NULL, plan text)",
                "CREATE UNIQUE INDEX accounts_email ON accounts (email)",
                "INSERT INTO accounts (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 300) g");

        liquibase.update(backfill("tableName=\"accounts\" columnName=\"plan\" value=\"free\" batchSize=\"40\""));

        assertThat(db.count("SELECT count(*) FROM accounts WHERE plan = 'free'")).isEqualTo(300);
    }

    @Test
    void quotesTableAndColumnNamesWithUpperCaseSpacesAndReservedWords() {
        db.execute("CREATE SCHEMA \"Sales Data\"",
                "CREATE TABLE \"Sales Data\".\"Order Items\" (\"select\" int PRIMARY KEY, \"Status Code\" text)",
                "INSERT INTO \"Sales Data\".\"Order Items\" SELECT g FROM generate_series(1, 250) g");

        liquibase.update(backfill("schemaName=\"Sales Data\" tableName=\"Order Items\" columnName=\"Status Code\" "
                + "value=\"it's new\" batchSize=\"60\""));

        assertThat(db.count("SELECT count(*) FROM \"Sales Data\".\"Order Items\" WHERE \"Status Code\" = 'it''s new'"))
                .isEqualTo(250);
    }

    /** As with stock change types, Liquibase folds all-upper-case names unless the changeset quotes all names. */
    @Test
    void quotesAllUpperCaseNamesAndEmbeddedQuotesWhenTheChangesetQuotesAllObjects() {
        db.execute("CREATE TABLE \"ORDERS\" (\"ID\" int PRIMARY KEY, \"say \"\"hi\"\"\" text)",
                "INSERT INTO \"ORDERS\" SELECT g FROM generate_series(1, 120) g");

        liquibase.update(liquibase.xmlChangelog("quote-all.xml", """
                <changeSet id="1" author="test" runInTransaction="false" objectQuotingStrategy="QUOTE_ALL_OBJECTS">
                    <online:backfillInBatches tableName="ORDERS" columnName="say &quot;hi&quot;" value="hello"
                                              keyColumns="ID" batchSize="50"/>
                </changeSet>
                """));

        assertThat(db.count("SELECT count(*) FROM \"ORDERS\" WHERE \"say \"\"hi\"\"\" = 'hello'")).isEqualTo(120);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void keepsEveryValueTheApplicationWritesWhileTheBackfillRuns() throws Exception {
        ordersWithRows(4000);
        Map<Long, String> lastWrite = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        CompletableFuture<Void> app = CompletableFuture.runAsync(() -> {
            try (Connection c = db.connect();
                 PreparedStatement update = c.prepareStatement("UPDATE orders SET status = ? WHERE id = ?")) {
                for (int i = 0; running.get(); i++) {
                    long id = ThreadLocalRandom.current().nextLong(1, 4001);
                    String value = "app-" + i;
                    update.setString(1, value);
                    update.setLong(2, id);
                    try {
                        update.executeUpdate();
                        lastWrite.put(id, value);
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        try {
            liquibase.updateWithin(Duration.ofMinutes(2), backfill("tableName=\"orders\" columnName=\"status\" "
                    + "value=\"pending\" batchSize=\"100\" pauseMillis=\"10\""));
        } finally {
            running.set(false);
            app.get(30, TimeUnit.SECONDS);
        }

        assertThat(failures).hasValue(0);
        assertThat(lastWrite).isNotEmpty();
        lastWrite.forEach((id, value) ->
                assertThat(db.queryOne("SELECT status FROM orders WHERE id = " + id)).isEqualTo(value));
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'"))
                .isEqualTo(4000 - lastWrite.size());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void finishesTheJobWhenRunAgainAfterBeingKilledMidway() throws Exception {
        ordersWithRows(5000);
        ChangeLifecycle lifecycle = ChangeLifecycle.of(liquibase, (other, runner) -> ordersWithRows(other, 5000),
                backfill("tableName=\"orders\" columnName=\"status\" valueComputed=\"'n' || id\" "
                        + "batchSize=\"100\" pauseMillis=\"20\""));

        lifecycle.killedAt(KillPoint.when("SELECT count(status) >= 500 FROM orders"));
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NOT NULL")).as("killed mid-way")
                .isBetween(500L, 4999L);
        lifecycle.update();

        lifecycle.assertLikeACleanRun();
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 'n' || id")).isZero();
        assertThat(db.count("SELECT count(*) FROM databasechangelog WHERE id = 'backfill'")).isEqualTo(1);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void waitsForATableLockHeldElsewhereAndRetriesUntilItIsFree() throws Exception {
        ordersWithRows(300);
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibase.update(backfill(
                    "tableName=\"orders\" columnName=\"status\" value=\"pending\" lockTimeout=\"100ms\" "
                            + "lockRetries=\"50\"")));
            Thread.sleep(1500);
            assertThat(run).isNotDone();
            blocker.commit();
            run.get(60, TimeUnit.SECONDS);
        }

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(300);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void failsNamingTheBlockingSessionWhenRetriesRunOut() throws Exception {
        ordersWithRows(300);
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            long blockerPid;
            try (Statement st = blocker.createStatement()) {
                var rs = st.executeQuery("SELECT pg_backend_pid()");
                rs.next();
                blockerPid = rs.getLong(1);
                st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }

            assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" "
                    + "value=\"pending\" lockTimeout=\"50ms\" lockRetries=\"2\"")))
                    .hasMessageContaining("could not get its lock within lock_timeout 50ms in 3 attempts")
                    .hasMessageContaining("pid " + blockerPid)
                    .hasMessageContaining("holds AccessExclusiveLock")
                    .hasMessageContaining("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            blocker.rollback();
        }
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NOT NULL")).isZero();
    }

    @Test
    void refusesAMissingTableWhenItStartsWithoutChangingAnything() {
        assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"nope\" columnName=\"status\" value=\"x\"")))
                .hasMessageContaining("backfillInBatches in changeset backfill-")
                .hasMessageContaining(": table public.nope does not exist.");
    }

    @Test
    void refusesAMissingColumn() {
        ordersWithRows(10);

        assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"orders\" columnName=\"state\" value=\"x\"")))
                .hasMessageContaining("column state (columnName) does not exist in table public.orders");
    }

    @Test
    void refusesAnUnknownKeyColumn() {
        ordersWithRows(10);

        assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" value=\"x\" "
                + "keyColumns=\"order_no\"")))
                .hasMessageContaining("column order_no (keyColumns) does not exist in table public.orders");
    }

    @Test
    void refusesAKeyColumnThatAllowsNullBeforeChangingAnyRow() {
        db.execute("CREATE TABLE logs (code int UNIQUE, level text)",
                "INSERT INTO logs SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE g END, NULL FROM generate_series(1, 1000) g");

        assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"logs\" columnName=\"level\" value=\"info\" "
                + "keyColumns=\"code\"")))
                .hasMessageContaining("key column code (keyColumns) of table public.logs allows NULL")
                .hasMessageContaining("Name NOT NULL columns in keyColumns");
        assertThat(db.count("SELECT count(*) FROM logs WHERE level IS NOT NULL")).isZero();
    }

    @Test
    void walksAPartitionedTableWithoutAUsableKeyLeafByLeaf() {
        db.execute("CREATE TABLE logs (line text, level text) PARTITION BY LIST (line)",
                "CREATE TABLE logs_a PARTITION OF logs FOR VALUES IN ('a')",
                "CREATE TABLE logs_d PARTITION OF logs DEFAULT",
                "INSERT INTO logs VALUES ('a', NULL), ('b', NULL), ('c', 'kept')");

        liquibase.update(backfill("tableName=\"logs\" columnName=\"level\" value=\"info\""));

        assertThat(db.count("SELECT count(*) FROM logs WHERE level = 'info'")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM logs WHERE level = 'kept'")).isEqualTo(1);
    }

    @Test
    void refusesAChangesetThatRunsInATransactionBeforeAnyChangesetRuns() {
        String changelog = liquibase.xmlChangelog("in-tx.xml", """
                <changeSet id="1" author="test">
                    <createTable tableName="t"><column name="id" type="int"/></createTable>
                </changeSet>
                <changeSet id="2" author="test">
                    <online:backfillInBatches tableName="t" columnName="id" valueNumeric="1"/>
                </changeSet>
                """);

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("add runInTransaction=\"false\" to the <changeSet> element");
        assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void theXsdInTheJarRejectsABadAttributeValueOffline() {
        ordersWithRows(10);

        assertThatThrownBy(() -> liquibase.update(backfill("tableName=\"orders\" columnName=\"status\" "
                + "value=\"x\" batchSize=\"many\"")))
                .hasMessageContaining("cvc-datatype-valid")
                .hasMessageContaining("many");
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NOT NULL")).isZero();
    }

    @Test
    void updateSqlPrintsABatchLoopThatDoesTheSameWhenRunByHand() throws Exception {
        ordersWithRows(777);
        String changelog = backfill("tableName=\"orders\" columnName=\"status\" valueComputed=\"'n' || id\" "
                + "batchSize=\"50\"");

        String script = liquibase.updateSql(changelog);

        assertThat(script).contains("DO $online$").doesNotContain("WARNING: This statement uses a prepared");
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NOT NULL")).isZero();
        String doBlock = script.substring(script.indexOf("DO $online$"), script.indexOf("$online$;", 
                script.indexOf("DO $online$") + 3) + "$online$".length());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(doBlock);
        }
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 'n' || id")).isZero();
    }

    @Test
    void rollbackLeavesTheDataAndForgetsTheChangeset() throws Exception {
        ordersWithRows(100);
        ChangeLifecycle lifecycle = ChangeLifecycle.of(liquibase,
                backfill("tableName=\"orders\" columnName=\"status\" value=\"pending\""));

        lifecycle.update().rollback().assertSchemaAsBefore();

        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(100);
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isZero();
    }
}
