package liquibase.ext.online.change;

import static liquibase.ext.online.change.CreateIndexConcurrentlyIT.changeSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import liquibase.ext.online.testing.ChangeLifecycle;
import liquibase.ext.online.testing.ChangeLifecycle.KillPoint;
import liquibase.ext.online.testing.ChangeLifecycle.Setup;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.TestDatabase;

/**
 * What operations rely on, for every change type: a run killed part-way and run again ends as a clean run
 * ends; so does a run that did everything but was not recorded; rollback brings the schema back and can run
 * again (or, where there is no way back, is refused and changes nothing); update-sql and rollback-sql change
 * nothing. The specific checks of each change type are in its own IT class.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ChangeLifecycleIT {

    /**
     * One change type: the tables it needs, its changesets (the last one is under test), where a run of it is
     * killed, values that differ from run to run by design, the reason a rollback is refused (null: it is not),
     * and a line update-sql prints.
     */
    record Case(String name, Setup setup, String changeSets, KillPoint kill, String[] volatileColumns,
                String rollbackRefusal, String printed) {

        ChangeLifecycle lifecycle() throws Exception {
            return ChangeLifecycle.onFreshDatabase(setup, changeSets).ignoringValuesOf(volatileColumns);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(String name, Setup setup, String changes, KillPoint kill, String printed) {
        return new Case(name, setup, changeSet("c", changes), kill, new String[0], null, printed);
    }

    private static final String EXPAND_RENAME = changeSet("expand", "<online:renameColumnWithTrigger "
            + "tableName=\"orders\" oldColumnName=\"status\" newColumnName=\"order_status\" batchSize=\"50\" "
            + "pauseMillis=\"10\"/>");
    private static final String EXPAND_TYPE = changeSet("expand", "<online:changeColumnTypeOnline "
            + "tableName=\"orders\" columnName=\"qty\" newDataType=\"bigint\" batchSize=\"200\" pauseMillis=\"10\"/>");

    /** The expand of an earlier release, recorded under the name of the changelog the contract is in. */
    private static Setup expanded(String expand) {
        return (db, liquibase) -> {
            orders(db, liquibase);
            liquibase.update(liquibase.xmlChangelog("release1.xml", expand.replace("<changeSet ",
                    "<changeSet logicalFilePath=\"lifecycle.xml\" ")));
        };
    }

    static Stream<Case> changeTypes() {
        return Stream.of(
                of("createIndexConcurrently", ChangeLifecycleIT::orders, "<online:createIndexConcurrently "
                        + "tableName=\"orders\" indexName=\"orders_total_idx\"><column name=\"total_cents\"/>"
                        + "</online:createIndexConcurrently>", KillPoint.beforeStep("build index orders_total_idx"),
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx"),
                new Case("dropIndexConcurrently", (db, liquibase) -> {
                    orders(db, liquibase);
                    db.execute("CREATE INDEX orders_total_idx ON orders (total_cents)");
                }, changeSet("c", "<online:dropIndexConcurrently tableName=\"orders\" "
                        + "indexName=\"orders_total_idx\"/>"),
                        KillPoint.beforeStep("drop index orders_total_idx"), new String[0],
                        "No inverse to liquibase.ext.online.change.DropIndexConcurrentlyChange created",
                        "DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx"),
                new Case("addColumnOnline", ChangeLifecycleIT::orders, changeSet("c", "<online:addColumnOnline "
                        + "tableName=\"orders\"><online:column name=\"token\" type=\"text\" "
                        + "defaultValueComputed=\"md5(random()::text)\"><online:constraints nullable=\"false\" "
                        + "unique=\"true\"/></online:column></online:addColumnOnline>"),
                        KillPoint.beforeStep("validate"), new String[] {"orders.token"}, null,
                        "ADD COLUMN token TEXT"),
                of("backfillInBatches", ChangeLifecycleIT::orders, "<online:backfillInBatches tableName=\"orders\" "
                        + "columnName=\"note\" valueComputed=\"'n' || id\" batchSize=\"100\" pauseMillis=\"10\"/>",
                        KillPoint.when("SELECT count(note) >= 600 FROM orders"), "DO $online$"),
                of("addNotNullConstraintOnline", ChangeLifecycleIT::orders, "<online:addNotNullConstraintOnline "
                        + "tableName=\"orders\" columnName=\"email\" defaultNullValue=\"unknown\" batchSize=\"500\"/>",
                        KillPoint.beforeStep("validate"), "NOT VALID"),
                of("addCheckConstraintOnline", ChangeLifecycleIT::orders, "<online:addCheckConstraintOnline "
                        + "tableName=\"orders\" constraintName=\"orders_total_positive\" "
                        + "constraintBody=\"total_cents >= 0\"/>", KillPoint.beforeStep("validate check"),
                        "CHECK (total_cents >= 0) NOT VALID"),
                of("addUniqueConstraintOnline", ChangeLifecycleIT::orders, "<online:addUniqueConstraintOnline "
                        + "tableName=\"orders\" columnNames=\"code\" constraintName=\"orders_code_key\"/>",
                        KillPoint.beforeStep("turn index orders_code_key into the unique constraint"),
                        "UNIQUE USING INDEX orders_code_key"),
                of("addForeignKeyConstraintOnline", ChangeLifecycleIT::orders,
                        "<online:addForeignKeyConstraintOnline baseTableName=\"orders\" "
                                + "baseColumnNames=\"customer_id\" "
                                + "referencedTableName=\"customers\" referencedColumnNames=\"id\" "
                                + "constraintName=\"orders_customer_fk\" createIndex=\"true\"/>",
                        KillPoint.beforeStep("validate foreign key"), "VALIDATE CONSTRAINT orders_customer_fk"),
                new Case("renameColumnWithTrigger", ChangeLifecycleIT::orders, EXPAND_RENAME,
                        KillPoint.when("SELECT count(order_status) >= 600 FROM orders"), new String[0], null,
                        "CREATE TRIGGER online_sync_status_order_status"),
                new Case("completeColumnRename", expanded(EXPAND_RENAME), EXPAND_RENAME + changeSet("contract",
                        "<online:completeColumnRename tableName=\"orders\" "
                        + "oldColumnName=\"status\" newColumnName=\"order_status\"/>"),
                        KillPoint.beforeStep("drop trigger online_sync_status_order_status"), new String[0], null,
                        "DROP COLUMN IF EXISTS status"),
                new Case("changeColumnTypeOnline", ChangeLifecycleIT::orders, EXPAND_TYPE,
                        KillPoint.when("SELECT count(qty_new) >= 1000 FROM orders"), new String[0], null,
                        "ADD COLUMN qty_new BIGINT"),
                new Case("completeColumnTypeChange", expanded(EXPAND_TYPE), EXPAND_TYPE + changeSet("contract",
                        "<online:completeColumnTypeChange tableName=\"orders\" "
                        + "columnName=\"qty\"/>"), KillPoint.beforeStep("drop the old column"), new String[0],
                        "No inverse to liquibase.ext.online.change.CompleteColumnTypeChangeChange created",
                        "DROP COLUMN"));
    }

    static Stream<Case> withAWayBack() {
        return changeTypes().filter(c -> c.rollbackRefusal() == null);
    }

    static Stream<Case> withoutAWayBack() {
        return changeTypes().filter(c -> c.rollbackRefusal() != null);
    }

    /** The table every case works on, and the customers its orders refer to. */
    static void orders(TestDatabase db, LiquibaseRunner liquibase) {
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY)",
                "INSERT INTO customers SELECT g FROM generate_series(1, 100) g",
                "CREATE TABLE orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text, "
                        + "code text, total_cents int, status varchar(20), note text, qty int NOT NULL, "
                        + "customer_id bigint)",
                "INSERT INTO orders (email, code, total_cents, status, qty, customer_id) "
                        + "SELECT CASE WHEN g % 10 = 0 THEN NULL ELSE 'u' || g || '@example.com' END, 'c' || g, g, "
                        + "CASE WHEN g % 10 = 0 THEN NULL ELSE 's' || g END, g, g % 100 + 1 "
                        + "FROM generate_series(1, 3000) g");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changeTypes")
    void aRunKilledPartWayEndsLikeACleanRunWhenRunAgain(Case change) throws Exception {
        change.lifecycle().killedAt(change.kill()).update().assertLikeACleanRun();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changeTypes")
    void aRunThatDidEverythingButWasNotRecordedEndsLikeACleanRunWhenRunAgain(Case change) throws Exception {
        change.lifecycle().update().forgetTheLastChangeset().update().assertLikeACleanRun();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withAWayBack")
    void rollbackBringsBackTheSchemaOfBeforeTheUpdate(Case change) throws Exception {
        change.lifecycle().update().rollback().assertSchemaAsBefore();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withAWayBack")
    void aRollbackRunAgainAfterItWasNotRecordedLeavesTheSchemaOfBeforeTheUpdate(Case change) throws Exception {
        change.lifecycle().update().rollback().rollbackAgain().assertSchemaAsBefore();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutAWayBack")
    void rollbackWithoutAWayBackIsRefusedAndChangesNothing(Case change) throws Exception {
        change.lifecycle().update().assertRollbackRefused(change.rollbackRefusal());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changeTypes")
    void updateSqlPrintsThePlanAndChangesNothing(Case change) throws Exception {
        assertThat(change.lifecycle().updateSqlChangingNothing()).contains(change.printed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withAWayBack")
    void rollbackSqlChangesNothing(Case change) throws Exception {
        assertThat(change.lifecycle().update().rollbackSqlChangingNothing()).isNotBlank();
    }
}
