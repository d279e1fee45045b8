package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.testing.ApplicationWorkload;
import liquibase.ext.online.testing.LiquibaseRunner;
import liquibase.ext.online.testing.PartitionedTables;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/**
 * addUniqueConstraintOnline on a partitioned table (range, a sub-partitioned LIST partition with its own DEFAULT,
 * a DEFAULT partition), on a real PostgreSQL with an application writing.
 */
class PartitionedUniqueConstraintIT {

    private static final List<String> STOCK_SCHEMA = List.of(
            "_default|_default_id_region_key|UNIQUE (id, region)|attached",
            "_p1|_p1_id_region_key|UNIQUE (id, region)|attached",
            "_p2_eu|_p2_eu_id_region_key|UNIQUE (id, region)|attached",
            "_p2_other|_p2_other_id_region_key|UNIQUE (id, region)|attached",
            "_p2|_p2_id_region_key|UNIQUE (id, region)|attached",
            "|_id_region_key|UNIQUE (id, region)|own");

    private TestDatabase db;
    private LiquibaseRunner liquibase;
    private PartitionedTables tables;

    @BeforeEach
    void partitionedTables() {
        db = PostgresServer.get().newDatabase();
        liquibase = new LiquibaseRunner(db);
        tables = new PartitionedTables(db);
        tables.create("events");
    }

    private String unique(String columns, String extra) {
        return liquibase.xmlChangelog("unique-" + System.nanoTime() + ".xml", CreateIndexConcurrentlyIT.changeSet(
                "uq", "<online:addUniqueConstraintOnline tableName=\"events\" columnNames=\"" + columns + "\" "
                        + extra + "/>"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theConstraintIsBuiltPerPartitionAndAttachedWhileTheApplicationWritesAsStockWouldLeaveIt()
            throws Exception {
        String changelog = unique("id, region", "lockTimeout=\"500ms\" lockRetries=\"30\"");
        try (ApplicationWorkload app = ApplicationWorkload.start(db, PartitionedTables.application("events"))) {
            app.awaitStatements(100);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            app.awaitStatements(app.statements() + 50);
            assertThat(app.failures()).isEmpty();
            assertThat(app.longestMillis()).as("no statement queued behind the change (generous bound)")
                    .isLessThan(3_000);
        }
        assertThat(tables.uniqueConstraints("events")).isEqualTo(STOCK_SCHEMA);
        assertThat(tables.indexes("events")).hasSize(6).allMatch(l -> l.contains("UNIQUE USING btree (id, region)|valid|"));
        assertThatThrownBy(() -> db.execute("INSERT INTO events (id, region) VALUES (1, 'eu')"))
                .hasMessageContaining("duplicate key value violates unique constraint \"events_p1_id_region_key\"");

        tables.create("twin");
        liquibase.update(liquibase.xmlChangelog("stock.xml", "<changeSet id=\"stock\" author=\"test\">"
                + "<addUniqueConstraint tableName=\"twin\" columnNames=\"id, region\"/></changeSet>"));
        assertThat(tables.uniqueConstraints("twin")).as("stock addUniqueConstraint").isEqualTo(STOCK_SCHEMA);
        assertThat(tables.indexes("events")).isEqualTo(tables.indexes("twin"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRerunAfterTheSessionWasKilledDuringALeafBuildFinishesTheConstraint() throws Exception {
        String changelog = unique("id, region", "");
        tables.killLastLeafBuild(liquibase, changelog, "events", "CREATE UNIQUE INDEX CONCURRENTLY");
        assertThat(tables.uniqueConstraints("events")).containsExactly(
                "_default|_default_id_region_key|UNIQUE (id, region)|own",
                "_p1|_p1_id_region_key|UNIQUE (id, region)|own",
                "_p2_eu|_p2_eu_id_region_key|UNIQUE (id, region)|own");
        assertThat(tables.indexes("events")).contains("_p2_other|UNIQUE USING btree (id, region)|INVALID|-");

        liquibase.update(changelog);

        assertThat(tables.uniqueConstraints("events")).isEqualTo(STOCK_SCHEMA);
        assertThat(tables.indexes("events")).hasSize(6).allMatch(l -> l.contains("|valid|"));
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(1);
    }

    @Test
    void columnsWithoutThePartitionKeyAreRefusedBeforeAnyStatement() {
        String changelog = unique("id", "");

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("addUniqueConstraintOnline in changeset ")
                .hasMessageContaining("table public.events is partitioned, and a unique index on it must include "
                        + "every column of the partition key (id, region), but columnNames gives (id)")
                .hasMessageContaining("Nothing was changed");
        assertThat(tables.indexes("events")).isEmpty();
        assertThat(tables.uniqueConstraints("events")).isEmpty();
    }

    @Test
    void rollbackDropsTheConstraintWithThePartitionsConstraints() {
        String changelog = unique("id, region", "");
        liquibase.update(changelog);

        assertThat(liquibase.rollbackCountSql(changelog, 1))
                .contains("ALTER TABLE IF EXISTS public.events DROP CONSTRAINT IF EXISTS events_id_region_key");
        liquibase.rollbackCount(changelog, 1);

        assertThat(tables.uniqueConstraints("events")).isEmpty();
        assertThat(tables.indexes("events")).isEmpty();
    }

    @Test
    void updateSqlPrintsTheStepsOfEveryPartitionAndChangesNothing() {
        String sql = liquibase.updateSql(unique("id, region", ""));

        assertThat(sql)
                .contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_p2_eu_id_region_key ON "
                        + "public.events_p2_eu (id, region)")
                .contains("ALTER TABLE public.events_p2_eu ADD CONSTRAINT events_p2_eu_id_region_key UNIQUE USING "
                        + "INDEX events_p2_eu_id_region_key")
                .contains("ALTER TABLE public.events_default ADD CONSTRAINT events_default_id_region_key UNIQUE "
                        + "USING INDEX events_default_id_region_key")
                .contains("ALTER TABLE public.events ADD CONSTRAINT events_id_region_key UNIQUE (id, region)")
                .doesNotContain("WARNING");
        assertThat(tables.indexes("events")).isEmpty();
    }
}
