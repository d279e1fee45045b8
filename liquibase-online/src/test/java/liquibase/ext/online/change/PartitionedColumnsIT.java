package liquibase.ext.online.change;

import static liquibase.ext.online.change.CreateIndexConcurrentlyIT.changeSet;
import static org.assertj.core.api.Assertions.assertThat;

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
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY)",
                "INSERT INTO customers SELECT g FROM generate_series(1, 100) g");
        tables.create("orders", ROWS);
        tables.create("twin", ROWS);
    }

    /** Writes to every partition: updates across the key range, inserts into the default partition. */
    private ApplicationWorkload application() throws InterruptedException {
        return ApplicationWorkload.start(db,
                "UPDATE orders SET total_cents = total_cents + 1 WHERE id = ({n} * 7) % " + ROWS + " + 1",
                "INSERT INTO orders (id, kind, customer_id, total_cents) "
                        + "VALUES (100000 + {n}, 'b', {n} % 100 + 1, {n})",
                "INSERT INTO customers VALUES (1000 + {n})").awaitStatements(50);
    }

    private static void noWaits(ApplicationWorkload app) {
        assertThat(app.failures()).isEmpty();
        assertThat(app.longestMillis()).as("no statement queued behind the change (generous bound)")
                .isLessThan(3_000);
    }

    private long relfilenodes(String root) {
        return db.count("SELECT sum(pg_relation_filenode(relid)::bigint) FROM pg_partition_tree('" + root + "') "
                + "WHERE isleaf");
    }

    @Test
    void aTypeChangeWithoutRewriteReachesEveryPartitionAsTheStockChangeDoes() throws Exception {
        db.execute("ALTER TABLE orders ADD COLUMN code varchar(20)", "ALTER TABLE twin ADD COLUMN code varchar(20)",
                "UPDATE orders SET code = 'c' || id WHERE id % 5 = 0", "UPDATE twin SET code = 'c' || id WHERE id % 5 = 0",
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
        try (ApplicationWorkload app = application()) {
            ApplicationWorkload.holdReadLock(db, "orders_2a", 1000);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            noWaits(app);
        }
        assertThat(tables.schema("orders")).isEqualTo(tables.schema("twin"))
                .contains("<t>_2a column code text");
        assertThat(relfilenodes("orders")).as("no partition rewritten").isEqualTo(files);
    }
}
