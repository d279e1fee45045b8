package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.LogCapture;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** completeColumnRename (the contract half), and the whole rename as a rolling deployment sees it. */
class CompleteColumnRenameIT {

    private static final String EXPAND = """
            <changeSet id="expand" author="test" runInTransaction="false">
                <online:renameColumnWithTrigger tableName="orders" oldColumnName="status" newColumnName="order_status"
                                                batchSize="50" pauseMillis="10"/>
            </changeSet>
            """;
    private static final String COMPLETE = """
            <changeSet id="complete" author="test" runInTransaction="false">
                <online:completeColumnRename tableName="orders" oldColumnName="status" newColumnName="order_status"/>
            </changeSet>
            """;

    private TestDatabase db;
    private LiquibaseRunner liquibase;

    @BeforeEach
    void freshDatabase() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
    }

    private void ordersWithRows(int rows) {
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, status varchar(20) DEFAULT 'pending')",
                "INSERT INTO orders (status) SELECT 's' || g FROM generate_series(1, " + rows + ") g");
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void bothApplicationVersionsWriteThroughTheWholeRenameAndEveryRowKeepsItsLastWrite() throws Exception {
        ordersWithRows(3000);
        db.execute("CREATE SEQUENCE write_order");
        Map<Long, Write> lastWrites = new ConcurrentHashMap<>();
        Application oldVersion = new Application("status", "old", lastWrites);
        Application newVersion = new Application("order_status", "new", lastWrites);
        CompletableFuture<Void> oldRunning = CompletableFuture.runAsync(oldVersion);
        oldVersion.awaitWrites(50);

        // release 1: the expand; the new version rolls out as soon as the column and its trigger exist
        String release1 = liquibase.xmlChangelog("release1.xml", EXPAND);
        CompletableFuture<Void> expand = CompletableFuture.runAsync(() -> liquibase.update(release1));
        awaitTrigger();
        CompletableFuture<Void> newRunning = CompletableFuture.runAsync(newVersion);
        expand.get(120, TimeUnit.SECONDS);
        long oldWrites = oldVersion.writes.get();
        long newWrites = newVersion.writes.get();
        oldVersion.awaitWrites(oldWrites + 200);
        newVersion.awaitWrites(newWrites + 200);

        // every instance runs the new version: the old one stops, then release 2 completes the rename
        oldVersion.stop();
        oldRunning.get(30, TimeUnit.SECONDS);
        liquibase.updateWithin(Duration.ofMinutes(2), liquibase.xmlChangelog("release1.xml", EXPAND + COMPLETE));
        newVersion.awaitWrites(newVersion.writes.get() + 100);
        newVersion.stop();
        newRunning.get(30, TimeUnit.SECONDS);

        assertThat(oldVersion.failures).isEmpty();
        assertThat(newVersion.failures).isEmpty();
        assertThat(lastWrites.values()).anyMatch(w -> w.value().startsWith("old"))
                .anyMatch(w -> w.value().startsWith("new"));
        Map<Long, String> stored = new ConcurrentHashMap<>();
        db.query("SELECT id, order_status FROM orders WHERE order_status IS NOT NULL")
                .forEach(row -> stored.put(((Number) row.get(0)).longValue(), (String) row.get(1)));
        lastWrites.forEach((id, write) -> assertThat(stored.get(id)).as("row %d", id).isEqualTo(write.value()));
        assertThat(db.count("SELECT count(*) FROM orders WHERE id <= 3000 AND order_status <> 's' || id")
                ).isEqualTo(lastWrites.keySet().stream().filter(id -> id <= 3000).count());
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'status' AND NOT attisdropped")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelogs/rename/basic.xml", "changelogs/rename/basic.yaml",
            "changelogs/rename/basic.json"})
    void theDocumentedExampleRunsFromEveryChangelogFormat(String changelog) {
        liquibase.update(changelog);

        assertThat(db.query("SELECT attname::text, attnotnull, pg_get_expr(adbin, adrelid) FROM pg_attribute "
                + "LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum "
                + "WHERE attrelid = 'orders'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"))
                .containsExactly(Arrays.asList("id", true, null),
                        List.of("order_status", true, "'new'::character varying"));
        assertThat(db.queryOne("SELECT pg_get_indexdef('orders_order_status_idx'::regclass)"))
                .isEqualTo("CREATE INDEX orders_order_status_idx ON public.orders USING btree (order_status)");
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status = 's' || id")).isEqualTo(500);
    }

    @Test
    void dropsTheOldColumnTheTriggerAndTheFunctionAndKeepsTheDefault() {
        ordersWithRows(100);

        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE));
        db.execute("INSERT INTO orders (id) VALUES (1000)");

        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'status' AND NOT attisdropped")).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'online_sync%'")).isZero();
        assertThat(db.queryOne("SELECT order_status FROM orders WHERE id = 1000")).isEqualTo("pending");
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status = 's' || id")).isEqualTo(100);
    }

    @Test
    void whileBothColumnsExistTheOldDefaultAppliesToInsertsThroughEitherName() {
        ordersWithRows(10);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND));

        db.execute("INSERT INTO orders (id) VALUES (1000)", "INSERT INTO orders (id, status) VALUES (1001, 'old')",
                "INSERT INTO orders (id, order_status) VALUES (1002, 'new')");

        assertThat(db.query("SELECT status, order_status FROM orders WHERE id >= 1000 ORDER BY id")).containsExactly(
                List.of("pending", "pending"), List.of("old", "old"), List.of("new", "new"));
    }

    @Test
    void keepsTheCopiedIndexesAndForeignKeysAndDropsTheOldOnes() {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, code text NOT NULL UNIQUE)",
                "CREATE TABLE shipments (id int PRIMARY KEY, code_ref text REFERENCES orders (code))",
                "INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 40) g",
                "INSERT INTO shipments SELECT g, 'c' || g FROM generate_series(1, 10) g");

        liquibase.update(liquibase.xmlChangelog("rename.xml", """
                <changeSet id="expand" author="test" runInTransaction="false">
                    <online:renameColumnWithTrigger tableName="orders" oldColumnName="code" newColumnName="order_code"/>
                </changeSet>
                <changeSet id="complete" author="test" runInTransaction="false">
                    <online:completeColumnRename tableName="orders" oldColumnName="code" newColumnName="order_code"/>
                </changeSet>
                """));

        assertThat(db.query("SELECT conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE contype IN ('u', 'f') AND connamespace = 'public'::regnamespace "
                + "AND conrelid::regclass::text NOT LIKE 'databasechangelog%' ORDER BY 1"))
                .containsExactly(
                List.of("orders", "UNIQUE (order_code)"),
                List.of("shipments", "FOREIGN KEY (code_ref) REFERENCES orders(order_code)"));
        assertThat(db.queryOne("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_code'")).isEqualTo(true);
    }

    @Test
    void refusesWhileAViewStillUsesTheOldColumnAndNamesIt() {
        ordersWithRows(10);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND));
        db.execute("CREATE VIEW open_orders AS SELECT id, status FROM orders");

        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE)))
                .hasMessageContaining("completeColumnRename in changeset rename.xml::complete::test: column status "
                        + "of public.orders cannot be dropped yet")
                .hasMessageContaining("view open_orders");
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal"))
                .isEqualTo(1);
    }

    @Test
    void aContractDoneButNotRecordedSucceedsDoingNothingWhenRunAgain() {
        ordersWithRows(100);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE));
        db.execute("DELETE FROM databasechangelog WHERE id = 'complete'");

        LogCapture log = LogCapture.start();
        try {
            liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE));
        } finally {
            log.stop();
        }

        assertThat(log.count("the rename is already complete")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM databasechangelog WHERE id = 'complete'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status = 's' || id")).isEqualTo(100);
    }

    @Test
    void refusesWhenTheOldColumnIsGoneButTheTriggerIsStillThere() {
        ordersWithRows(10);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND));
        db.execute("ALTER TABLE orders DROP COLUMN status CASCADE");

        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE)))
                .hasMessageContaining("status");
        assertThat(db.count("SELECT count(*) FROM databasechangelog WHERE id = 'complete'")).isZero();
    }

    @Test
    void refusesWithoutAPriorExpand() {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, status text, order_status text)");

        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("rename.xml", COMPLETE)))
                .hasMessageContaining("there is no trigger online_sync_status_order_status on public.orders")
                .hasMessageContaining("Run renameColumnWithTrigger for status first");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'status' AND NOT attisdropped")).isEqualTo(1);
    }

    @Test
    void refusesWhenARowDiffersBetweenTheColumnsAndSaysHowToFixIt() {
        ordersWithRows(10);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND));
        db.execute("ALTER TABLE orders DISABLE TRIGGER USER", "UPDATE orders SET status = 'lost' WHERE id = 3",
                "ALTER TABLE orders ENABLE TRIGGER USER");

        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE)))
                .hasMessageContaining("1 rows of public.orders have status IS DISTINCT FROM order_status")
                .hasMessageContaining("UPDATE public.orders SET order_status = status WHERE order_status IS "
                        + "DISTINCT FROM status");
        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 3")).isEqualTo("lost");
    }

    @Test
    void rollbackRestoresTheExpandedStateWithTheOldColumnFilledAndSynchronised() {
        ordersWithRows(300);
        String changelog = liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE);
        liquibase.update(changelog);
        db.execute("UPDATE orders SET order_status = NULL WHERE id = 7");

        liquibase.rollbackCount(changelog, 1);
        db.execute("INSERT INTO orders (id, status) VALUES (1000, 'old')", "UPDATE orders SET order_status = 'new' "
                + "WHERE id = 1", "INSERT INTO orders (id) VALUES (1001)");

        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS DISTINCT FROM order_status")).isZero();
        assertThat(db.query("SELECT status FROM orders WHERE id IN (1, 7, 1000, 1001) ORDER BY id"))
                .containsExactly(List.of("new"), Collections.singletonList(null), List.of("old"),
                        List.of("pending"));
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(1);

        liquibase.rollbackCount(changelog, 1);

        assertThat(db.query("SELECT attname::text FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attnum > 0 AND NOT attisdropped ORDER BY attnum"))
                .containsExactly(List.of("id"), List.of("status"));
    }

    @Test
    void updateSqlPrintsTheContractAndChangesNothing() {
        ordersWithRows(10);
        liquibase.update(liquibase.xmlChangelog("rename.xml", EXPAND));

        String script = liquibase.updateSql(liquibase.xmlChangelog("rename.xml", EXPAND + COMPLETE));

        assertThat(script)
                .contains("ALTER TABLE public.orders ALTER COLUMN order_status SET DEFAULT "
                        + "'pending'::character varying;")
                .contains("DROP TRIGGER IF EXISTS online_sync_status_order_status ON public.orders;\n"
                        + "ALTER TABLE public.orders DROP COLUMN IF EXISTS status;\n"
                        + "DROP FUNCTION IF EXISTS public.online_sync_orders_status_order_status();");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'status' AND NOT attisdropped")).isEqualTo(1);
    }

    private void awaitTrigger() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass "
                + "AND NOT tgisinternal") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the trigger was not created");
            }
            Thread.sleep(10);
        }
    }

    /** A write and its place in the order of all writes to its row (a sequence read under the row lock). */
    record Write(long order, String value) {
    }

    /**
     * One application version: inserts and updates through one column name only, from its own connection, and
     * half of its updates go to a few hot rows that the other version updates as well.
     */
    private final class Application implements Runnable {
        final String column;
        final String tag;
        final Map<Long, Write> lastWrites;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong writes = new AtomicLong();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        Application(String column, String tag, Map<Long, Write> lastWrites) {
            this.column = column;
            this.tag = tag;
            this.lastWrites = lastWrites;
        }

        @Override
        public void run() {
            try (Connection c = db.connect();
                 PreparedStatement insert = c.prepareStatement("INSERT INTO orders (" + column + ") VALUES (?) "
                         + "RETURNING id, nextval('write_order')");
                 PreparedStatement update = c.prepareStatement("UPDATE orders SET " + column + " = ? WHERE id = ? "
                         + "RETURNING id, nextval('write_order')")) {
                for (long i = 0; running.get(); i++) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String value = tag + "-" + i;
                    PreparedStatement statement = random.nextInt(4) == 0 ? insert : update;
                    statement.setString(1, value);
                    if (statement == update) {
                        statement.setLong(2, random.nextBoolean() ? random.nextLong(1, 21) : random.nextLong(1, 3001));
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            Write write = new Write(rs.getLong(2), value);
                            lastWrites.merge(rs.getLong(1), write, (a, b) -> a.order() > b.order() ? a : b);
                        }
                        writes.incrementAndGet();
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                    }
                }
            } catch (SQLException e) {
                failures.add(e.getMessage());
            }
        }

        void awaitWrites(long atLeast) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (writes.get() < atLeast && failures.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(tag + " version made no progress");
                }
                Thread.sleep(5);
            }
        }

        void stop() {
            running.set(false);
        }
    }
}
