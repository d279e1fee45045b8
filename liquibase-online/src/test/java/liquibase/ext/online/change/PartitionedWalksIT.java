package liquibase.ext.online.change;

import static liquibase.ext.online.change.CreateIndexConcurrentlyIT.changeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.ApplicationWorkload;
import liquibase.ext.online.testing.Bounded;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PartitionedTwins;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * backfillInBatches and addColumnOnline on a declaratively partitioned table: the keyset walk runs over the root
 * by its primary key (which holds the partition key), one short transaction per batch, while an application
 * writes to every partition; results are compared with the stock change's on a twin table. Without a key the
 * block-range walk goes leaf partition by leaf partition.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionedWalksIT {

    private static final int ROWS = 30_000;
    private static final String POSITIONS = "databasechangelog_online_walk";

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private PartitionedTwins tables;

    @BeforeEach
    void partitionedOrdersAndATwin() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        tables = new PartitionedTwins(db);
        tables.create("orders", ROWS);
        tables.create("twin", ROWS);
    }

    private ApplicationWorkload application() throws InterruptedException {
        return ApplicationWorkload.start(db,
                "UPDATE orders SET total_cents = total_cents + 1 WHERE id = ({n} * 7) % " + ROWS + " + 1",
                "INSERT INTO orders (id, kind, customer_id, total_cents) "
                        + "VALUES (100000 + {n}, 'b', {n} % 100 + 1, {n})")
                .awaitStatements(50);
    }

    private String backfill(String batching) {
        return "<online:backfillInBatches tableName=\"orders\" columnName=\"status\" valueComputed=\"'n' || id\" "
                + batching + "/>";
    }

    private long walked() {
        if (db.queryOne("SELECT to_regclass('" + POSITIONS + "')") == null) {
            return 0;
        }
        return db.count("SELECT coalesce(sum(rows_walked), 0) FROM " + POSITIONS);
    }

    @Test
    void aBackfillWalksEveryPartitionAsTheStockUpdateDoes() {
        liquibase.update(liquibase.xmlChangelog("fill.xml", changeSet("fill", backfill("batchSize=\"1000\""))
                + changeSet("stock", "<update tableName=\"twin\"><column name=\"status\" valueComputed=\"'n' || id\"/>"
                + "<where>status IS NULL</where></update>")));

        assertThat(tables.data("orders")).isEqualTo(tables.data("twin"));
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
    }

    @Test
    void aBackfillKilledMidwayFinishesOnTheRerunWhileTheApplicationWrites() throws Exception {
        String changelog = liquibase.xmlChangelog("fill.xml", changeSet("fill",
                backfill("batchSize=\"200\" pauseMillis=\"20\"")));
        CompletableFuture<Void> run = Bounded.start("liquibase update", () -> liquibase.update(changelog));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (walked() < 8000) {
            assertThat(System.nanoTime()).as("the walk made no progress").isLessThan(deadline);
            assertThat(run).as("the update ended before the kill").isNotDone();
            Thread.sleep(20);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        assertThatThrownBy(() -> Bounded.await("the killed update", Duration.ofSeconds(60), run))
                .isInstanceOf(Exception.class);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).as("half done").isPositive();

        try (ApplicationWorkload app = application()) {
            liquibase.updateWithin(Duration.ofMinutes(3), changelog);
            PartitionedTwins.assertNoWaits(app);
        }

        assertThat(db.count("SELECT count(*) FROM orders WHERE id <= " + ROWS + " AND status IS DISTINCT FROM "
                + "'n' || id")).isZero();
    }

    private void dropPrimaryKeys() {
        db.execute("ALTER TABLE orders DROP CONSTRAINT orders_pkey", "ALTER TABLE twin DROP CONSTRAINT twin_pkey",
                "CREATE INDEX orders_id ON orders (id)", "ANALYZE orders");
    }

    @Test
    void aKeylessTableIsWalkedLeafByLeafAsTheStockUpdateDoes() {
        dropPrimaryKeys();
        liquibase.update(liquibase.xmlChangelog("fill.xml", changeSet("fill", backfill("batchSize=\"1000\""))
                + changeSet("stock", "<update tableName=\"twin\"><column name=\"status\" valueComputed=\"'n' || id\"/>"
                + "<where>status IS NULL</where></update>")));

        assertThat(tables.data("orders")).isEqualTo(tables.data("twin"));
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
    }

    @Test
    void aKeylessWalkKilledInALeafResumesThereOnTheRerunWhileTheApplicationWrites() throws Exception {
        dropPrimaryKeys();
        String changelog = liquibase.xmlChangelog("fill.xml", changeSet("fill",
                backfill("batchSize=\"200\" pauseMillis=\"20\"")));
        CompletableFuture<Void> run = Bounded.start("liquibase update", () -> liquibase.update(changelog));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (walked() < 12000) {
            assertThat(System.nanoTime()).as("the walk made no progress").isLessThan(deadline);
            assertThat(run).as("the update ended before the kill").isNotDone();
            Thread.sleep(20);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        assertThatThrownBy(() -> Bounded.await("the killed update", Duration.ofSeconds(60), run))
                .isInstanceOf(Exception.class);
        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).as("half done").isPositive();
        assertThat(db.count("SELECT count(*) FROM " + POSITIONS + " WHERE table_name = 'public.orders_1' "
                + "AND next_key IS NULL AND step LIKE '%- partition public.orders_1'")).as("the first leaf walked")
                .isOne();
        assertThat(db.count("SELECT count(*) FROM " + POSITIONS + " WHERE table_name <> 'public.orders_1' "
                + "AND next_key IS NOT NULL")).as("the walk stopped inside a later leaf").isOne();

        // inserts only: a row the application updates may move into a block the walk has passed (see BlockWalk)
        try (ApplicationWorkload app = ApplicationWorkload.start(db, "INSERT INTO orders (id, kind, customer_id, "
                + "total_cents) VALUES (100000 + {n}, 'b', {n} % 100 + 1, {n})").awaitStatements(50)) {
            liquibase.updateWithin(Duration.ofMinutes(3), changelog);
            PartitionedTwins.assertNoWaits(app);
        }

        assertThat(db.count("SELECT count(*) FROM orders WHERE id <= " + ROWS + " AND status IS DISTINCT FROM "
                + "'n' || id")).isZero();
        assertThat(db.queryOne("SELECT to_regclass('" + POSITIONS + "') IS NULL OR NOT EXISTS (SELECT 1 FROM "
                + POSITIONS + ")")).as("the positions are gone with the change").isEqualTo(true);
    }

    @Test
    void aColumnWithAVolatileDefaultIsFilledInEveryPartitionAndMadeNotNull() throws Exception {
        String changelog = liquibase.xmlChangelog("col.xml", changeSet("col", """
                <online:addColumnOnline tableName="orders" batchSize="1000" lockTimeout="200ms" lockRetries="50">
                    <online:column name="token" type="text" defaultValueComputed="md5(random()::text)">
                        <online:constraints nullable="false"/>
                    </online:column>
                </online:addColumnOnline>""") + changeSet("stock", """
                <addColumn tableName="twin">
                    <column name="token" type="text" defaultValueComputed="md5(random()::text)">
                        <constraints nullable="false"/>
                    </column>
                </addColumn>"""));
        try (ApplicationWorkload app = application()) {
            ApplicationWorkload.holdReadLock(db, "orders_2d", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
        assertThat(db.count("SELECT count(DISTINCT token) FROM orders"))
                .isEqualTo(db.count("SELECT count(*) FROM orders"));
    }

    @Test
    void aColumnWithAConstantDefaultIsAddedAsTheStockChangeAddsIt() {
        liquibase.update(liquibase.xmlChangelog("col.xml", changeSet("col", """
                <online:addColumnOnline tableName="orders">
                    <online:column name="currency" type="char(3)" defaultValue="EUR">
                        <online:constraints nullable="false" checkConstraint="currency &lt;&gt; ''"/>
                    </online:column>
                    <online:column name="region" type="text" defaultValueComputed="upper('eu')"/>
                </online:addColumnOnline>""") + changeSet("stock", """
                <addColumn tableName="twin">
                    <column name="currency" type="char(3)" defaultValue="EUR">
                        <constraints nullable="false"/>
                    </column>
                    <column name="region" type="text" defaultValueComputed="upper('eu')"/>
                </addColumn>
                <sql>ALTER TABLE twin ADD CONSTRAINT twin_currency_check CHECK (currency &lt;&gt; '')</sql>""")));

        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
        assertThat(tables.data("orders")).isEqualTo(tables.data("twin"));
    }

    @Test
    void aUniqueColumnOnAPartitionedTableIsRefusedAtStart() {
        String changelog = liquibase.xmlChangelog("col.xml", changeSet("col", """
                <online:addColumnOnline tableName="orders">
                    <online:column name="code" type="text" defaultValueComputed="md5(random()::text)">
                        <online:constraints unique="true"/>
                    </online:column>
                </online:addColumnOnline>"""));

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("partitioned tables are not supported by addColumnOnline with unique=\"true\"");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attname = 'code' "
                + "AND attrelid = 'orders'::regclass")).isZero();
    }

    @Test
    void updateSqlPrintsTheWalkOverTheRootByItsPrimaryKey() {
        String sql = liquibase.updateSql(liquibase.xmlChangelog("fill.xml", changeSet("fill", backfill(""))));

        assertThat(sql).contains("public.orders").contains("id, kind");
    }

    @Test
    void aRenameRunsOnPostgres13AndLaterAndIsRefusedAtStartOn12() {
        String changelog = liquibase.xmlChangelog("rename.xml", changeSet("rename",
                "<online:renameColumnWithTrigger tableName=\"orders\" oldColumnName=\"status\" "
                        + "newColumnName=\"state\"/>"));
        if (tables.serverMajor() < 13) {
            assertThatThrownBy(() -> liquibase.update(changelog)).hasMessageContaining("partitioned tables are not "
                    + "supported by renameColumnWithTrigger on PostgreSQL 12 yet: public.orders is partitioned");
            assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attname = 'state' "
                    + "AND attrelid = 'orders'::regclass")).as("nothing added")
                    .isZero();
            return;
        }
        liquibase.update(changelog);
        db.execute("UPDATE orders SET status = 'written by the old version' WHERE id = 15001");

        assertThat(db.queryOne("SELECT state FROM orders WHERE id = 15001")).isEqualTo("written by the old version");
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgname = 'online_sync_status_state'"))
                .as("the root's trigger and its clones on the five partitions").isEqualTo(6);
    }

    @Test
    void aTypeChangeThroughAShadowColumnIsRefusedAtStart() {
        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("type.xml", changeSet("type",
                "<online:changeColumnTypeOnline tableName=\"orders\" columnName=\"total_cents\" "
                        + "newDataType=\"bigint\"/>"))))
                .hasMessageContaining("table public.orders is partitioned or part of an inheritance tree");
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
    }
}
