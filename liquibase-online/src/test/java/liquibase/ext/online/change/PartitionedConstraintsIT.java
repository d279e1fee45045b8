package liquibase.ext.online.change;

import static liquibase.ext.online.change.CreateIndexConcurrentlyIT.changeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
 * addForeignKeyConstraintOnline, addCheckConstraintOnline and addNotNullConstraintOnline on a declaratively
 * partitioned table (range, a sub-partitioned partition with its own default, a default partition) while an
 * application writes to every partition; the result is compared with the stock change's on a twin table.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionedConstraintsIT {

    private static final int ROWS = 30_000;

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private PartitionedTwins tables;

    @BeforeEach
    void partitionedOrdersAndATwin() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        tables = new PartitionedTwins(db);
        tables.createOrdersAndTwin(ROWS);
    }

    private String foreignKey(String table, String extra) {
        return "<online:addForeignKeyConstraintOnline baseTableName=\"" + table + "\" baseColumnNames=\"customer_id\" "
                + "referencedTableName=\"customers\" referencedColumnNames=\"id\" constraintName=\"" + table
                + "_customer_fk\" lockTimeout=\"200ms\" lockRetries=\"50\" " + extra + "/>";
    }

    private String stockForeignKey(String table) {
        return "<addForeignKeyConstraint baseTableName=\"" + table + "\" baseColumnNames=\"customer_id\" "
                + "referencedTableName=\"customers\" referencedColumnNames=\"id\" constraintName=\"" + table
                + "_customer_fk\"/>";
    }

    @Test
    void aForeignKeyIsAddedToEveryPartitionAndTheRootWhileTheApplicationWrites() throws Exception {
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders", ""))
                + changeSet("stock", stockForeignKey("twin")));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            ApplicationWorkload.holdReadLock(db, "orders_d", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.notValidOrNotAttached("orders", "orders_customer_fk")).isEmpty();
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_fk'"))
                .as("the root, two partitioned tables, four leaves").isEqualTo(6);
    }

    @Test
    void aForeignKeyRunKilledWhileWaitingForAPartitionFinishesOnTheRerun() throws Exception {
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders", "")));
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = new CompletableFuture<>();
        Bounded.start("lock holder on orders_d", () -> {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("LOCK TABLE orders_d IN SHARE UPDATE EXCLUSIVE MODE");
                holder.complete(null);
                release.await(90, TimeUnit.SECONDS);
                c.rollback();
            } catch (SQLException e) {
                holder.complete(null);
            }
        });
        Bounded.await("the lock on orders_d", Duration.ofSeconds(30), holder);
        CompletableFuture<Void> run = Bounded.start("liquibase update", () -> liquibase.update(changelog));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // PostgreSQL 12-17 validate orders_1 before they wait for orders_d; 18 adds the key to the root first
        String progress = tables.serverMajor() >= 18
                ? "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'orders_d'::regclass"
                : "SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_fk' AND convalidated";
        while (db.count(progress) < 1) {
            assertThat(System.nanoTime()).as("the change did not get to orders_d").isLessThan(deadline);
            assertThat(run).as("the update ended before the kill").isNotDone();
            Thread.sleep(20);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        release.countDown();
        assertThatThrownBy(() -> Bounded.await("the killed update", Duration.ofSeconds(60), run))
                .isInstanceOf(Exception.class);
        assertThat(tables.notValidOrNotAttached("orders", "orders_customer_fk")).as("not done").isNotEmpty();

        try (ApplicationWorkload app = tables.application(ROWS)) {
            liquibase.updateWithin(Duration.ofMinutes(3), changelog);
            PartitionedTwins.assertNoWaits(app);
        }

        assertThat(tables.notValidOrNotAttached("orders", "orders_customer_fk")).isEmpty();
    }

    @Test
    void aRerunValidatesWhatAnEarlierRunLeftNotValid() {
        db.execute("ALTER TABLE orders_1 ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
                + "REFERENCES customers (id) NOT VALID",
                "ALTER TABLE orders_2a ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) "
                + "REFERENCES customers (id)");

        liquibase.update(liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders", ""))));

        assertThat(tables.notValidOrNotAttached("orders", "orders_customer_fk")).isEmpty();
    }

    @Test
    void aRowWithoutItsCustomerFailsTheChangeAndTheRootGetsNoKey() {
        db.execute("INSERT INTO orders VALUES (50001, 'b', 4242, 0)");
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders", "")));

        assertThatThrownBy(() -> liquibase.update(changelog)).hasMessageContaining("violates foreign key constraint");
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_fk' "
                + "AND conrelid = 'orders'::regclass AND convalidated")).isZero();

        db.execute("DELETE FROM orders WHERE customer_id = 4242");
        liquibase.update(changelog);
        assertThat(tables.notValidOrNotAttached("orders", "orders_customer_fk")).isEmpty();
    }

    @Test
    void aForeignKeyToAPartitionedTableIsAddedOnline() throws Exception {
        db.execute("CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint, order_kind text)",
                "INSERT INTO shipments SELECT g, g, CASE WHEN g % 2 = 0 THEN 'a' ELSE 'b' END "
                        + "FROM generate_series(1, 5000) g");
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", "<online:addForeignKeyConstraintOnline "
                + "baseTableName=\"shipments\" baseColumnNames=\"order_id, order_kind\" referencedTableName=\"orders\" "
                + "referencedColumnNames=\"id, kind\" constraintName=\"shipments_order_fk\" lockTimeout=\"200ms\"/>"));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            liquibase.updateWithin(Duration.ofMinutes(3), changelog);
            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(db.queryOne("SELECT convalidated FROM pg_constraint WHERE conname = 'shipments_order_fk' "
                + "AND conrelid = 'shipments'::regclass")).isEqualTo(true);
    }

    @Test
    void anIndexOnThePartitionedReferencingColumnsIsRefusedAtStart() {
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders",
                "createIndex=\"true\"")));

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("partitioned tables are not supported by addForeignKeyConstraintOnline "
                        + "with createIndex=\"true\" yet");
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_fk'")).isZero();
    }

    @Test
    void updateSqlPrintsThePlanTheServerVersionCalls() {
        String sql = liquibase.updateSql(liquibase.xmlChangelog("fk.xml", changeSet("fk", foreignKey("orders", ""))));

        if (tables.serverMajor() >= 18) {
            assertThat(sql).contains("ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
                    + "(customer_id) REFERENCES public.customers (id) NOT VALID")
                    .contains("ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk")
                    .doesNotContain("orders_2a");
        } else {
            for (String leaf : PartitionedTwins.LEAVES) {
                assertThat(sql).contains("ALTER TABLE public.orders" + leaf + " ADD CONSTRAINT orders_customer_fk "
                        + "FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID")
                        .contains("ALTER TABLE public.orders" + leaf + " VALIDATE CONSTRAINT orders_customer_fk");
            }
            assertThat(sql).contains("ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
                            + "(customer_id) REFERENCES public.customers (id);")
                    .doesNotContain("ALTER TABLE public.orders VALIDATE");
        }
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname = 'orders_customer_fk'")).isZero();
    }

    @Test
    void aCheckConstraintIsValidatedOnEveryPartitionAsTheStockOneIs() throws Exception {
        String changelog = liquibase.xmlChangelog("check.xml", changeSet("check",
                "<online:addCheckConstraintOnline tableName=\"orders\" constraintName=\"orders_total_positive\" "
                        + "constraintBody=\"total_cents &gt;= 0\" lockTimeout=\"200ms\" lockRetries=\"50\"/>")
                + changeSet("stock", "<sql>ALTER TABLE twin ADD CONSTRAINT twin_total_positive "
                + "CHECK (total_cents &gt;= 0)</sql>"));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            ApplicationWorkload.holdReadLock(db, "orders_2a", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.notValidOrNotAttached("orders", "orders_total_positive")).isEmpty();
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
    }

    @Test
    void notNullIsSetOnTheRootAndEveryPartitionAsTheStockChangeDoes() throws Exception {
        db.execute("UPDATE orders SET status = 'new'", "UPDATE twin SET status = 'new'");
        String changelog = liquibase.xmlChangelog("nn.xml", changeSet("nn",
                "<online:addNotNullConstraintOnline tableName=\"orders\" columnName=\"total_cents\" "
                        + "lockTimeout=\"200ms\" lockRetries=\"50\"/>")
                + changeSet("stock", "<addNotNullConstraint tableName=\"twin\" columnName=\"total_cents\"/>"));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            liquibase.updateWithin(Duration.ofMinutes(3), changelog);
            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin")).contains("<t>_2a column total_cents "
                + "integer not null");
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'orders%' AND contype = 'c'"))
                .as("the helper check is gone").isZero();
    }

    @Test
    void notNullWithAFillValueFillsEveryPartitionInBatches() {
        db.execute("UPDATE orders SET status = 'x' WHERE id % 3 = 0", "UPDATE twin SET status = 'x' WHERE id % 3 = 0");
        liquibase.update(liquibase.xmlChangelog("nn.xml", changeSet("nn",
                "<online:addNotNullConstraintOnline tableName=\"orders\" columnName=\"status\" "
                        + "defaultNullValue=\"none\" batchSize=\"1000\"/>")
                + changeSet("stock", "<addNotNullConstraint tableName=\"twin\" columnName=\"status\" "
                + "defaultNullValue=\"none\"/>")));

        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"));
        assertThat(tables.data("orders")).isEqualTo(tables.data("twin"));
    }
}
