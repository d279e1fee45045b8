package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.ChangeLifecycle;
import liquibase.ext.online.testing.ChangeLifecycle.KillPoint;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.LogCapture;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** renameColumnWithTrigger (the expand half) through real `liquibase update` on a real PostgreSQL. */
class RenameColumnWithTriggerIT {

    private static final String RENAME_STATUS =
            "tableName=\"orders\" oldColumnName=\"status\" newColumnName=\"order_status\"";

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
        db.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, status varchar(20))",
                "INSERT INTO orders (status) SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE 's' || g END "
                        + "FROM generate_series(1, " + rows + ") g");
    }

    private String expand(String attributes) {
        return liquibase.xmlChangelog("expand-" + System.nanoTime() + ".xml", """
                <changeSet id="expand" author="test" runInTransaction="false">
                    <online:renameColumnWithTrigger %s/>
                </changeSet>
                """.formatted(attributes));
    }

    @Test
    void addsTheNewColumnWithTheOldTypeFilledFromTheOldOne() {
        ordersWithRows(1000);

        liquibase.update(expand(RENAME_STATUS + " batchSize=\"100\""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS DISTINCT FROM status")).isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS NULL")).isEqualTo(100);
        assertThat(db.queryOne("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'orders'::regclass AND attname = 'order_status'"))
                .isEqualTo("character varying(20)");
    }

    @Test
    void usesColumnDataTypeWhenGiven() {
        ordersWithRows(10);

        liquibase.update(expand(RENAME_STATUS + " columnDataType=\"text\""));

        assertThat(db.queryOne("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'orders'::regclass AND attname = 'order_status'")).isEqualTo("text");
    }

    @Test
    void anInsertThroughTheOldNameFillsTheNewColumn() {
        expandedOrders();

        db.execute("INSERT INTO orders (id, status) VALUES (100, 'old')");

        assertThat(db.queryOne("SELECT order_status FROM orders WHERE id = 100")).isEqualTo("old");
    }

    @Test
    void anInsertThroughTheNewNameFillsTheOldColumn() {
        expandedOrders();

        db.execute("INSERT INTO orders (id, order_status) VALUES (100, 'new')");

        assertThat(db.queryOne("SELECT status FROM orders WHERE id = 100")).isEqualTo("new");
    }

    @Test
    void anInsertWithBothNamesAndDifferentValuesKeepsTheNewOne() {
        expandedOrders();

        db.execute("INSERT INTO orders (id, status, order_status) VALUES (100, 'old', 'new')");

        assertThat(db.query("SELECT status, order_status FROM orders WHERE id = 100"))
                .containsExactly(List.of("new", "new"));
    }

    @Test
    void anUpdateThroughTheOldNameIsCopiedToTheNewColumn() {
        expandedOrders();

        db.execute("UPDATE orders SET status = 'changed' WHERE id = 1");

        assertThat(db.queryOne("SELECT order_status FROM orders WHERE id = 1")).isEqualTo("changed");
    }

    @Test
    void anUpdateThroughTheNewNameIsCopiedToTheOldColumnAndNotOverwritten() {
        expandedOrders();

        db.execute("UPDATE orders SET order_status = 'changed' WHERE id = 1");

        assertThat(db.query("SELECT status, order_status FROM orders WHERE id = 1"))
                .containsExactly(List.of("changed", "changed"));
    }

    @Test
    void anUpdateOfBothColumnsKeepsTheNewOne() {
        expandedOrders();

        db.execute("UPDATE orders SET status = 'old', order_status = 'new' WHERE id = 1");

        assertThat(db.query("SELECT status, order_status FROM orders WHERE id = 1"))
                .containsExactly(List.of("new", "new"));
    }

    @Test
    void settingAColumnToNullThroughEitherNameClearsBoth() {
        expandedOrders();

        db.execute("UPDATE orders SET status = NULL WHERE id = 1",
                "UPDATE orders SET order_status = NULL WHERE id = 2");

        assertThat(db.count("SELECT count(*) FROM orders WHERE id IN (1, 2) AND status IS NULL "
                + "AND order_status IS NULL")).isEqualTo(2);
    }

    @Test
    void anUpdateOfAnotherColumnCopiesARowTheBackfillHasNotReachedYet() {
        expandedOrders();
        db.execute("ALTER TABLE orders DISABLE TRIGGER USER", "UPDATE orders SET order_status = NULL WHERE id = 3",
                "ALTER TABLE orders ENABLE TRIGGER USER");

        db.execute("UPDATE orders SET id = id WHERE id = 3");

        assertThat(db.queryOne("SELECT order_status FROM orders WHERE id = 3")).isEqualTo("s3");
    }

    /** A constraint that has a copy's name but another definition is not the copy: refused before any step. */
    @Test
    void refusesAtStartWhenAConstraintHasTheCopysNameButAnotherDefinition() {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, code text CONSTRAINT orders_code_length "
                        + "CHECK (length(code) BETWEEN 2 AND 10), CONSTRAINT orders_order_code_length CHECK (id > 0))",
                "INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 30) g");

        assertThatThrownBy(() -> liquibase.update(expand("tableName=\"orders\" oldColumnName=\"code\" "
                + "newColumnName=\"order_code\"")))
                .hasMessageContaining("orders_order_code_length already names a constraint on table public.orders")
                .hasMessageContaining("CHECK ((id > 0))");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_code'")).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'online_sync%'")).isZero();
    }

    /** PostgreSQL 18+: its own NOT NULL constraint, NOT VALID then validated; before: the validated helper check. */
    @Test
    void copiesNotNullTheWayTheServerVersionAllows() {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, code text NOT NULL)",
                "INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 300) g");
        LogCapture log = LogCapture.start();
        try {
            liquibase.update(expand("tableName=\"orders\" oldColumnName=\"code\" newColumnName=\"order_code\" "
                    + "batchSize=\"50\""));
        } finally {
            log.stop();
        }

        assertThat(db.queryOne("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_code'")).isEqualTo(true);
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass "
                + "AND conname LIKE '%not_null1'")).isZero();
        if (Integer.parseInt(PostgresServer.majorVersion()) >= 18) {
            assertThat(db.query("SELECT conname, convalidated FROM pg_constraint c JOIN pg_attribute a "
                    + "ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.conrelid = 'orders'::regclass "
                    + "AND c.contype = 'n' AND a.attname = 'order_code'"))
                    .containsExactly(List.of("orders_order_code_not_null", true));
            assertThat(log.count("add NOT NULL order_code NOT VALID as orders_order_code_not_null")).isEqualTo(1);
            assertThat(log.count("nn_check")).isZero();
        } else {
            assertThat(log.count("NOT VALID as orders_order_code_nn_check")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass "
                    + "AND contype = 'c'")).isZero();
        }
    }

    @Test
    void carriesOverNotNullIndexesAndConstraints() {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY)", "INSERT INTO customers SELECT generate_series(1, 5)",
                """
                CREATE TABLE orders (id int PRIMARY KEY, code text NOT NULL, customer_id int NOT NULL,
                                     note text,
                                     CONSTRAINT orders_code_unique UNIQUE (code),
                                     CONSTRAINT orders_code_length CHECK (length(code) BETWEEN 2 AND 10),
                                     CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id))""",
                "CREATE INDEX orders_code_partial ON orders (lower(code)) WHERE code <> 'xx'",
                "CREATE INDEX orders_customer_code ON orders (customer_id, code DESC)",
                "CREATE TABLE shipments (id int PRIMARY KEY, order_code text "
                        + "CONSTRAINT shipments_order REFERENCES orders (code))",
                "INSERT INTO orders SELECT g, 'c' || g, 1 + g % 5 FROM generate_series(1, 300) g",
                "INSERT INTO shipments SELECT g, 'c' || g FROM generate_series(1, 100) g");

        liquibase.update(expand("tableName=\"orders\" oldColumnName=\"code\" newColumnName=\"order_code\" "
                + "batchSize=\"50\""));

        assertThat(db.queryOne("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_code'")).isEqualTo(true);
        assertThat(db.query("SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid), indisvalid "
                + "FROM pg_index WHERE indrelid = 'orders'::regclass "
                + "AND pg_get_indexdef(indexrelid) LIKE '%order_code%' "
                + "ORDER BY 1")).containsExactly(
                List.of("orders_customer_order_code", "CREATE INDEX orders_customer_order_code ON public.orders "
                        + "USING btree (customer_id, order_code DESC)", true),
                List.of("orders_order_code_partial", "CREATE INDEX orders_order_code_partial ON public.orders "
                        + "USING btree (lower(order_code)) WHERE (order_code <> 'xx'::text)", true),
                List.of("orders_order_code_unique", "CREATE UNIQUE INDEX orders_order_code_unique ON public.orders "
                        + "USING btree (order_code)", true));
        assertThat(db.query("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
                + "FROM pg_constraint WHERE conname LIKE '%order_code%' OR conname LIKE '%\\_order\\_code' "
                + "OR conname IN ('orders_customer_order_code', 'shipments_order_order_code') ORDER BY 1, 2"))
                .contains(
                        List.of("orders", "orders_order_code_length",
                                "CHECK (((length(order_code) >= 2) AND (length(order_code) <= 10)))", true),
                        List.of("orders", "orders_order_code_unique", "UNIQUE (order_code)", true),
                        List.of("shipments", "shipments_order_order_code",
                                "FOREIGN KEY (order_code) REFERENCES orders(order_code)", true));
        assertThat(db.count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass "
                + "AND contype = 'c' AND conname LIKE '%not_null%'")).isZero();
        assertThatThrownBy(() -> db.execute("INSERT INTO orders (id, order_code, customer_id) VALUES (999, 'c1', 1)"))
                .hasMessageContaining("duplicate key value violates unique constraint");
        assertThatThrownBy(() -> db.execute("INSERT INTO orders (id, order_code, customer_id) VALUES (999, 'c', 1)"))
                .hasMessageContaining("orders_code_length");
    }

    @Test
    void copiesAForeignKeyOfTheColumnItself() {
        db.execute("CREATE TABLE statuses (code text PRIMARY KEY)", "INSERT INTO statuses VALUES ('new'), ('paid')",
                "CREATE TABLE orders (id int PRIMARY KEY, status text REFERENCES statuses (code))",
                "INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 50) g");

        liquibase.update(expand(RENAME_STATUS));

        assertThat(db.query("SELECT pg_get_constraintdef(oid), convalidated FROM pg_constraint "
                + "WHERE conname = 'orders_order_status_fkey'"))
                .containsExactly(List.of("FOREIGN KEY (order_status) REFERENCES statuses(code)", true));
    }

    @Test
    void rowsWithANullOldValueNeedNothing() {
        ordersWithRows(100);

        liquibase.update(expand(RENAME_STATUS));

        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL AND order_status IS NULL"))
                .isEqualTo(10);
    }

    @Test
    void quotesNamesWithUpperCaseAndSpaces() {
        db.execute("CREATE SCHEMA \"Sales Data\"",
                "CREATE TABLE \"Sales Data\".\"Order Items\" (\"ID\" int PRIMARY KEY, \"Status Code\" text NOT NULL)",
                "CREATE INDEX \"Status Code idx\" ON \"Sales Data\".\"Order Items\" (\"Status Code\")",
                "INSERT INTO \"Sales Data\".\"Order Items\" SELECT g, 'it''s ' || g FROM generate_series(1, 120) g");

        liquibase.update(expand("schemaName=\"Sales Data\" tableName=\"Order Items\" oldColumnName=\"Status Code\" "
                + "newColumnName=\"Order State\" batchSize=\"25\""));
        db.execute("INSERT INTO \"Sales Data\".\"Order Items\" (\"ID\", \"Order State\") VALUES (500, 'x')");

        assertThat(db.count("SELECT count(*) FROM \"Sales Data\".\"Order Items\" "
                + "WHERE \"Order State\" IS DISTINCT FROM \"Status Code\"")).isZero();
        assertThat(db.queryOne("SELECT \"Status Code\" FROM \"Sales Data\".\"Order Items\" WHERE \"ID\" = 500"))
                .isEqualTo("x");
        assertThat(db.queryOne("SELECT pg_get_indexdef('\"Sales Data\".\"Order State idx\"'::regclass)"))
                .isEqualTo("CREATE INDEX \"Order State idx\" ON \"Sales Data\".\"Order Items\" "
                        + "USING btree (\"Order State\")");
        assertThat(db.queryOne("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"))
                .isEqualTo("online_sync_status_code_order_state");
    }

    /** As with stock change types, Liquibase doubles embedded quotes only when the changeset quotes all names. */
    @Test
    void quotesNamesWithEmbeddedQuotesWhenTheChangesetQuotesAllObjects() {
        db.execute("CREATE TABLE \"ORDERS\" (\"ID\" int PRIMARY KEY, \"say \"\"hi\"\"\" text)",
                "CREATE INDEX \"say \"\"hi\"\" idx\" ON \"ORDERS\" (\"say \"\"hi\"\"\")",
                "INSERT INTO \"ORDERS\" SELECT g, 'v' || g FROM generate_series(1, 50) g");

        liquibase.update(liquibase.xmlChangelog("quote-all.xml", """
                <changeSet id="1" author="test" runInTransaction="false" objectQuotingStrategy="QUOTE_ALL_OBJECTS">
                    <online:renameColumnWithTrigger tableName="ORDERS" oldColumnName="say &quot;hi&quot;"
                                                    newColumnName="say &quot;bye&quot;"/>
                </changeSet>
                """));

        assertThat(db.count("SELECT count(*) FROM \"ORDERS\" WHERE \"say \"\"bye\"\"\" = 'v' || \"ID\""))
                .isEqualTo(50);
        assertThat(db.queryOne("SELECT pg_get_indexdef('\"say \"\"bye\"\" idx\"'::regclass)"))
                .isEqualTo("CREATE INDEX \"say \"\"bye\"\" idx\" ON public.\"ORDERS\" "
                        + "USING btree (\"say \"\"bye\"\"\")");
    }

    @Test
    void generatedNamesFitPostgresLimitOf63Bytes() {
        String longOld = "status_" + "o".repeat(50);
        String longNew = "status_" + "n".repeat(50);
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, " + longOld + " text)",
                "CREATE INDEX orders_" + longOld.substring(0, 50) + " ON orders (" + longOld + ")",
                "INSERT INTO orders SELECT g, 'v' || g FROM generate_series(1, 20) g");

        liquibase.update(expand("tableName=\"orders\" oldColumnName=\"" + longOld + "\" newColumnName=\""
                + longNew + "\""));
        liquibase.update(expand("tableName=\"orders\" oldColumnName=\"" + longOld + "\" newColumnName=\""
                + longNew + "\""));

        List<List<Object>> names = db.query("SELECT tgname::text FROM pg_trigger WHERE tgrelid = 'orders'::regclass "
                + "AND NOT tgisinternal UNION ALL SELECT proname::text FROM pg_proc WHERE proname LIKE 'online_sync%' "
                + "UNION ALL SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'orders'::regclass "
                + "AND pg_get_indexdef(indexrelid) LIKE '%" + longNew + "%'");
        assertThat(names).hasSize(3).allSatisfy(row -> assertThat(row.get(0).toString()).hasSizeLessThanOrEqualTo(63));
        assertThat(db.count("SELECT count(*) FROM orders WHERE " + longNew + " IS DISTINCT FROM " + longOld)).isZero();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void finishesWhenRunAgainAfterBeingKilledDuringTheBackfill() throws Exception {
        ChangeLifecycle.Setup orders = (database, runner) -> {
            ordersWithRows(database, 3000);
            database.execute("CREATE INDEX orders_status_idx ON orders (status)");
        };
        orders.prepare(db, liquibase);
        ChangeLifecycle lifecycle = ChangeLifecycle.of(liquibase, orders,
                expand(RENAME_STATUS + " batchSize=\"50\" pauseMillis=\"20\""));

        lifecycle.killedAt(KillPoint.when("SELECT count(order_status) >= 300 FROM orders")).update();

        lifecycle.assertLikeACleanRun();
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS DISTINCT FROM status")).isZero();
        assertOneTriggerOneFunctionAndValidIndexes(1);
    }

    @Test
    void dropsAnInvalidIndexLeftByAnInterruptedBuildAndBuildsItAgain() {
        ordersWithRows(200);
        db.execute("CREATE INDEX orders_status_idx ON orders (status)");
        String changelog = expand(RENAME_STATUS);
        liquibase.update(changelog);
        db.execute("DROP INDEX orders_order_status_idx");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_order_status_idx ON orders ((1))"))
                .hasMessageContaining("could not create unique index");
        assertThat(db.queryOne("SELECT indisvalid FROM pg_index "
                + "WHERE indexrelid = 'orders_order_status_idx'::regclass"))
                .isEqualTo(false);
        db.execute("DELETE FROM databasechangelog");

        liquibase.update(changelog);

        assertOneTriggerOneFunctionAndValidIndexes(1);
        assertThat(db.queryOne("SELECT pg_get_indexdef('orders_order_status_idx'::regclass)"))
                .isEqualTo("CREATE INDEX orders_order_status_idx ON public.orders USING btree (order_status)");
    }

    @Test
    void resumesWhenKilledAfterTheColumnWasAddedButBeforeTheTriggerExisted() {
        ordersWithRows(200);
        String changelog = expand(RENAME_STATUS);
        liquibase.update(changelog);
        db.execute("DROP TRIGGER online_sync_status_order_status ON orders", "UPDATE orders SET order_status = NULL",
                "DELETE FROM databasechangelog");

        liquibase.update(changelog);

        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS DISTINCT FROM status")).isZero();
        assertOneTriggerOneFunctionAndValidIndexes(0);
    }

    @Test
    void refusesAGeneratedColumn() {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, total int GENERATED ALWAYS AS (id * 2) STORED)");

        assertThatThrownBy(() -> liquibase.update(expand("tableName=\"orders\" oldColumnName=\"total\" "
                + "newColumnName=\"amount\"")))
                .hasMessageContaining("column total of public.orders is filled by PostgreSQL itself")
                .hasMessageContaining("Found: generated column");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anOpenApplicationTransactionDelaysTheExpandButNeverLeavesTheApplicationStuckBehindIt() throws Exception {
        ordersWithRows(100);
        try (Connection blocker = db.connect(); Connection app = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("UPDATE orders SET status = 'held' WHERE id = 1");
            }
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibase.update(expand(RENAME_STATUS
                    + " lockTimeout=\"100ms\" lockRetries=\"200\"")));
            awaitCount("SELECT count(*) FROM pg_proc WHERE proname LIKE 'online_sync%'", 1);
            try (Statement st = app.createStatement()) {
                st.execute("SET statement_timeout = '5s'");
                for (int i = 0; i < 20; i++) {
                    st.execute("INSERT INTO orders (status) VALUES ('app')");
                }
            }
            assertThat(run).isNotDone();
            blocker.commit();
            run.get(60, TimeUnit.SECONDS);
        }

        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status IS DISTINCT FROM status")).isZero();
        assertThat(db.count("SELECT count(*) FROM orders WHERE order_status = 'app'")).isEqualTo(20);
    }

    @Test
    void refusesAMissingTable() {
        assertThatThrownBy(() -> liquibase.update(expand(RENAME_STATUS)))
                .hasMessageContaining("renameColumnWithTrigger in changeset expand-")
                .hasMessageContaining("table public.orders does not exist");
    }

    @Test
    void refusesAMissingOldColumn() {
        ordersWithRows(10);

        assertThatThrownBy(() -> liquibase.update(expand("tableName=\"orders\" oldColumnName=\"state\" "
                + "newColumnName=\"order_status\"")))
                .hasMessageContaining("column state (oldColumnName) does not exist in table public.orders");
    }

    @Test
    void refusesANewColumnThatAlreadyExistsWithoutChangingAnything() {
        ordersWithRows(10);
        db.execute("ALTER TABLE orders ADD COLUMN order_status text");

        assertThatThrownBy(() -> liquibase.update(expand(RENAME_STATUS)))
                .hasMessageContaining("column order_status (newColumnName) already exists in table public.orders")
                .hasMessageContaining("Choose another newColumnName");
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass "
                + "AND NOT tgisinternal")).isZero();
    }

    @Test
    void refusesAPrimaryKeyColumn() {
        ordersWithRows(10);

        assertThatThrownBy(() -> liquibase.update(expand("tableName=\"orders\" oldColumnName=\"id\" "
                + "newColumnName=\"order_id\"")))
                .hasMessageContaining("column id is part of the primary key of public.orders")
                .hasMessageContaining("orders_pkey");
    }

    @Test
    void refusesAChangesetThatRunsInATransactionBeforeAnyChangesetRuns() {
        String changelog = liquibase.xmlChangelog("in-tx.xml", """
                <changeSet id="1" author="test">
                    <createTable tableName="t"><column name="id" type="int"/></createTable>
                </changeSet>
                <changeSet id="2" author="test">
                    <online:renameColumnWithTrigger tableName="t" oldColumnName="id" newColumnName="key"/>
                </changeSet>
                """);

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("add runInTransaction=\"false\" to the <changeSet> element");
        assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isZero();
    }

    @Test
    void worksOnATableCreatedEarlierInTheSameUpdate() {
        liquibase.update(liquibase.xmlChangelog("same-update.xml", """
                <changeSet id="1" author="test">
                    <createTable tableName="t">
                        <column name="id" type="int"><constraints primaryKey="true"/></column>
                        <column name="name" type="varchar(10)"/>
                    </createTable>
                    <insert tableName="t"><column name="id" valueNumeric="1"/><column name="name" value="a"/></insert>
                </changeSet>
                <changeSet id="2" author="test" runInTransaction="false">
                    <online:renameColumnWithTrigger tableName="t" oldColumnName="name" newColumnName="title"/>
                </changeSet>
                """));

        assertThat(db.queryOne("SELECT title FROM t")).isEqualTo("a");
    }

    @Test
    void updateSqlPrintsTheCopiesFromTheCatalogAndChangesNothing() {
        ordersWithRows(10);
        db.execute("CREATE INDEX orders_status_idx ON orders (status)");

        String script = liquibase.updateSql(liquibase.xmlChangelog("print.xml", """
                <changeSet id="expand" author="test" runInTransaction="false">
                    <online:renameColumnWithTrigger tableName="orders" oldColumnName="status"
                                                    newColumnName="order_status"/>
                </changeSet>
                """));

        assertThat(script)
                .contains("ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS order_status character varying(20);")
                .contains("CREATE TRIGGER online_sync_status_order_status BEFORE INSERT OR UPDATE ON public.orders")
                .contains("DO $online$")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_order_status_idx ON public.orders "
                        + "USING btree (order_status);")
                .doesNotContain("WARNING: This statement uses a prepared");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_status'")).isZero();
    }

    @Test
    void updateSqlSaysWhatIsDecidedAtRunTimeWhenTheTableDoesNotExistYet() {
        String script = liquibase.updateSql(expand(RENAME_STATUS));

        assertThat(script).contains("are read when the change runs and the steps that depend on them are not "
                + "printed here").contains("CREATE TRIGGER online_sync_status_order_status");
    }

    @Test
    void rollbackDropsTheTriggerFunctionCopiesAndNewColumnAndCanBeRepeated() throws Exception {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, code text UNIQUE, note text)",
                "CREATE INDEX orders_code_idx ON orders (code)",
                "CREATE TABLE shipments (id int PRIMARY KEY, code_ref text REFERENCES orders (code))",
                "INSERT INTO orders SELECT g, 'c' || g FROM generate_series(1, 30) g");
        ChangeLifecycle lifecycle = ChangeLifecycle.of(liquibase,
                expand("tableName=\"orders\" oldColumnName=\"code\" newColumnName=\"order_code\""));

        lifecycle.update().rollback().assertSchemaAsBefore().rollbackAgain().assertSchemaAsBefore();

        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                + "AND attname = 'order_code' AND NOT attisdropped")).isZero();
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'online_sync%'")).isZero();
        assertThat(db.query("SELECT conname FROM pg_constraint WHERE conname LIKE '%order_code%' "
                + "UNION ALL SELECT relname FROM pg_class WHERE relname LIKE '%order_code%'")).isEmpty();
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isZero();
    }

    private void expandedOrders() {
        ordersWithRows(20);
        liquibase.update(expand(RENAME_STATUS));
    }

    private void assertOneTriggerOneFunctionAndValidIndexes(int copiedIndexes) {
        assertThat(db.count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'orders'::regclass AND NOT tgisinternal"))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'online_sync%'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass "
                + "AND pg_get_indexdef(indexrelid) LIKE '%order_status%'")).isEqualTo(copiedIndexes);
        assertThat(db.count("SELECT count(*) FROM pg_index WHERE indrelid = 'orders'::regclass AND NOT indisvalid"))
                .isZero();
    }

    private void awaitCount(String query, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countOrZero(query) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress: " + query);
            }
            Thread.sleep(20);
        }
    }

    /** The column does not exist until the change added it. */
    private long countOrZero(String query) {
        try {
            return db.count(query);
        } catch (IllegalStateException e) {
            return 0;
        }
    }
}
