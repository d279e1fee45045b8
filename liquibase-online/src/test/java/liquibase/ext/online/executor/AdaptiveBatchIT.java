package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.LogCapture;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * A walk without a batchSize sizes its batches itself: from 1,000 rows it grows while batches are quick, and it
 * halves after a batch did not get its row locks. Read from the log lines (a progress line after every batch
 * here), never from the clock.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AdaptiveBatchIT {

    private static final int ROWS = 60_000;
    private static final Pattern BATCH = Pattern.compile(", batch ([\\d,]+) rows$");

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private LogCapture log;

    @BeforeEach
    void orders() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db).setting("liquibase.online.progressInterval", "1ms");
        log = LogCapture.start();
        db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text)",
                "INSERT INTO orders (id) SELECT g FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE orders");
    }

    @AfterEach
    void stopLog() {
        log.stop();
    }

    private String backfill(String attributes) {
        return liquibase.xmlChangelog("adaptive-" + System.nanoTime() + ".xml", """
                <changeSet id="adaptive" author="test" runInTransaction="false">
                    <online:backfillInBatches tableName="orders" columnName="status" value="pending" %s/>
                </changeSet>
                """.formatted(attributes));
    }

    private List<Long> sizes() {
        return log.messages().stream().map(BATCH::matcher).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1).replace(",", ""))).toList();
    }

    @Test
    void withoutABatchSizeTheWalkStartsSmallAndGrowsWhileBatchesAreQuick() {
        liquibase.update(backfill(""));

        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isZero();
        assertThat(log.count("batches sized to take ~100 ms each, from 1000 rows")).isEqualTo(1);
        List<Long> sizes = sizes();
        assertThat(sizes).isNotEmpty();
        assertThat(sizes.get(0)).as("after the first batch of 1,000").isBetween(100L, 1_500L);
        assertThat(sizes).as("grown past the start").anyMatch(size -> size > 1_000);
        for (int i = 1; i < sizes.size(); i++) {
            assertThat(sizes.get(i)).as("at most 1.5x per batch").isLessThanOrEqualTo(sizes.get(i - 1) * 3 / 2);
        }
    }

    @Test
    void aGivenBatchSizeStaysFixed() {
        liquibase.update(backfill("batchSize=\"7000\""));

        assertThat(sizes()).isNotEmpty().allMatch(size -> size == 7_000);
    }

    @Test
    void aBatchThatDidNotGetItsLocksHalvesTheSize() throws Exception {
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                // near the end, in the walk's last batch, which a retry then splits
                st.execute("SELECT * FROM orders WHERE id = " + (ROWS - 10) + " FOR UPDATE");
            }
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibase.update(backfill(
                    "lockTimeout=\"100ms\" lockRetries=\"100\"")));
            log.awaitMessageContaining("after the batch did not get its locks (55P03)", 60);
            log.awaitMessageContaining("did not get its lock (55P03, attempt 2", 60);
            blocker.commit();
            run.get(60, TimeUnit.SECONDS);
        }

        assertThat(db.count("SELECT count(*) FROM orders WHERE status IS NULL")).isZero();
        Pattern halved = Pattern.compile("batch size (\\d+) -> (\\d+) rows after the batch did not get its locks");
        List<long[]> shrinks = log.messages().stream().map(halved::matcher).filter(Matcher::find)
                .map(m -> new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}).toList();
        assertThat(shrinks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(shrinks).allMatch(s -> s[1] == Math.max(100, s[0] / 2));
    }
}
