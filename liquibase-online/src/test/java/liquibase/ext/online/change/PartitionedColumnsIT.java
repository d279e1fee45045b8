package liquibase.ext.online.change;

import static liquibase.ext.online.change.CreateIndexConcurrentlyIT.changeSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.ApplicationWorkload;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PartitionedTwins;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * changeColumnTypeOnline's in-place path and addColumnOnline with an index or a foreign key on a declaratively
 * partitioned table (range, a sub-partitioned partition with its own default, a default partition) while an
 * application writes to every partition; the result is compared with the stock change's on a twin table.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PartitionedColumnsIT {

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

    private long relfilenodes(String root) {
        return db.count("SELECT sum(pg_relation_filenode(relid)::bigint) FROM pg_partition_tree('" + root + "') "
                + "WHERE isleaf");
    }

    @Test
    void aTypeChangeWithoutRewriteReachesEveryPartitionAsTheStockChangeDoes() throws Exception {
        db.execute("ALTER TABLE orders ADD COLUMN code varchar(20)", "ALTER TABLE twin ADD COLUMN code varchar(20)",
                "UPDATE orders SET code = 'c' || id WHERE id % 5 = 0",
                "UPDATE twin SET code = 'c' || id WHERE id % 5 = 0",
                "CREATE INDEX orders_code ON orders (code)", "CREATE INDEX twin_code ON twin (code)");
        long files = relfilenodes("orders");
        String changelog = liquibase.xmlChangelog("type.xml", changeSet("type",
                "<online:changeColumnTypeOnline tableName=\"orders\" columnName=\"code\" newDataType=\"varchar(50)\" "
                        + "lockTimeout=\"200ms\" lockRetries=\"50\"/>")
                + changeSet("stock", "<modifyDataType tableName=\"twin\" columnName=\"code\" "
                + "newDataType=\"varchar(50)\"/>")
                + changeSet("text", "<online:changeColumnTypeOnline tableName=\"orders\" columnName=\"code\" "
                + "newDataType=\"text\" lockTimeout=\"200ms\" lockRetries=\"50\"/>")
                + changeSet("stock-text", "<modifyDataType tableName=\"twin\" columnName=\"code\" "
                + "newDataType=\"text\"/>"));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            ApplicationWorkload.holdReadLock(db, "orders_2a", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"))
                .contains("<t>_2a column code text");
        assertThat(relfilenodes("orders")).as("no partition rewritten").isEqualTo(files);
    }

    private String addColumn(String table, String constraints) {
        return "<online:addColumnOnline tableName=\"" + table + "\" lockTimeout=\"200ms\" lockRetries=\"50\">"
                + "<online:column name=\"buyer_id\" type=\"bigint\" defaultValueNumeric=\"7\">"
                + "<online:constraints " + constraints + "/></online:column></online:addColumnOnline>";
    }

    private String stockAddColumn(String table, String constraints) {
        return "<addColumn tableName=\"" + table + "\"><column name=\"buyer_id\" type=\"bigint\" "
                + "defaultValueNumeric=\"7\"><constraints " + constraints + "/></column></addColumn>";
    }

    @Test
    void aColumnWithAForeignKeyGetsItOnEveryPartitionAsStockAddColumnDoes() throws Exception {
        String changelog = liquibase.xmlChangelog("fk.xml", changeSet("fk", addColumn("orders",
                "foreignKeyName=\"orders_buyer_fk\" references=\"customers(id)\""))
                + changeSet("stock", stockAddColumn("twin",
                "foreignKeyName=\"twin_buyer_fk\" references=\"customers(id)\"")));
        try (ApplicationWorkload app = tables.application(ROWS)) {
            ApplicationWorkload.holdReadLock(db, "orders_d", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        assertThat(tables.notValidOrNotAttached("orders", "orders_buyer_fk")).isEmpty();
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"))
                .contains("<t>_2a constraint <t>_buyer_fk f FOREIGN KEY (buyer_id) REFERENCES customers(id) "
                        + "validated inherited");
        assertThat(db.count("SELECT count(*) FROM orders WHERE buyer_id IS DISTINCT FROM 7")).isZero();
    }

    @Test
    void aForeignKeyNameTakenByAnotherConstraintIsRefusedAtStartNotTakenForTheKey() {
        db.execute("ALTER TABLE orders ADD CONSTRAINT orders_buyer_fk CHECK (id > 0)");
        String changelog = liquibase.xmlChangelog("fk-taken.xml", changeSet("fk", addColumn("orders",
                "foreignKeyName=\"orders_buyer_fk\" references=\"customers(id)\"")));

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("foreignKeyName orders_buyer_fk already names a constraint")
                .hasMessageContaining("Nothing was changed");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attname = 'buyer_id'"))
                .as("the column is not added").isZero();
    }

    @Test
    void aColumnWithAnIndexGetsItBuiltPerPartitionAndTheRollbackDropsIt() throws Exception {
        String changelog = liquibase.xmlChangelog("idx.xml", changeSet("idx", addColumn("orders", "")
                .replace("<online:addColumnOnline ",
                        "<online:addColumnOnline createIndex=\"true\" indexName=\"orders_buyer_idx\" ")));
        String sql = liquibase.updateSql(changelog);
        assertThat(sql).contains("CREATE INDEX IF NOT EXISTS orders_buyer_idx ON ONLY public.orders (buyer_id)")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_2a_orders_buyer_idx ON public.orders_2a "
                        + "(buyer_id)")
                .doesNotContain("CONCURRENTLY IF NOT EXISTS orders_buyer_idx ON public.orders ");
        try (ApplicationWorkload app = tables.application(ROWS)) {
            ApplicationWorkload.holdReadLock(db, "orders_2d", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            PartitionedTwins.assertNoWaits(app);
        }
        db.execute("ALTER TABLE twin ADD COLUMN buyer_id bigint DEFAULT 7",
                "CREATE INDEX twin_buyer_idx ON twin (buyer_id)");
        assertThat(db.count("SELECT count(*) FROM pg_index WHERE indexrelid = 'orders_buyer_idx'::regclass "
                + "AND indisvalid")).isOne();
        assertThat(indexes("orders")).isEqualTo(indexes("twin"))
                .contains("<t>_2a CREATE INDEX ON public.<t>_2a USING btree (buyer_id) valid attached");

        liquibase.rollbackCount(changelog, 1);

        assertThat(db.count("SELECT count(*) FROM pg_partition_tree('orders') t JOIN pg_attribute a "
                + "ON a.attrelid = t.relid WHERE a.attname = 'buyer_id' AND NOT a.attisdropped"))
                .as("the column is dropped from the root and every partition").isZero();
        assertThat(db.queryOne("SELECT to_regclass('orders_buyer_idx')")).isNull();
    }

    @Test
    void aUniqueColumnIsRefusedAtStartAsStockAddColumnFailsOnIt() {
        String changelog = liquibase.xmlChangelog("u.xml", changeSet("u", addColumn("orders", "unique=\"true\"")));
        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("partitioned tables are not supported by addColumnOnline with unique=\"true\"")
                .hasMessageContaining("must include every partition key column");
        assertThat(db.count("SELECT count(*) FROM pg_attribute WHERE attname = 'buyer_id'")).isZero();

        assertThatThrownBy(() -> liquibase.update(liquibase.xmlChangelog("stock.xml", changeSet("stock",
                stockAddColumn("twin", "unique=\"true\"")))))
                .hasMessageContaining("partition");
    }

    /** The indexes on buyer_id in the tree, by table, without their names (the stock ones are named by PostgreSQL). */
    private String indexes(String root) {
        return String.join("\n", db.query("""
                SELECT c.relname || ' ' || regexp_replace(pg_get_indexdef(i.oid), 'INDEX \\S+ ON', 'INDEX ON')
                       || CASE WHEN x.indisvalid THEN ' valid' ELSE ' INVALID' END
                       || CASE WHEN EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid)
                               THEN ' attached' ELSE '' END
                  FROM pg_partition_tree('%1$s') t
                  JOIN pg_class c ON c.oid = t.relid JOIN pg_index x ON x.indrelid = c.oid
                  JOIN pg_class i ON i.oid = x.indexrelid
                 WHERE pg_get_indexdef(i.oid) LIKE '%%buyer_id%%' ORDER BY 1""".formatted(root)).stream()
                .map(r -> ((String) r.get(0)).replace(root, "<t>")).toList());
    }
}
