package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
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
 * createIndexConcurrently and dropIndexConcurrently on a partitioned table (range, a sub-partitioned LIST
 * partition with its own DEFAULT, a DEFAULT partition), on a real PostgreSQL with an application writing.
 */
class PartitionedIndexIT {

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

    private String createIndex(String file, String table, String index, String columns, String extra) {
        return liquibase.xmlChangelog(file, CreateIndexConcurrentlyIT.changeSet("idx",
                "<online:createIndexConcurrently tableName=\"" + table + "\" indexName=\"" + index + "\" " + extra
                        + ">" + columns + "</online:createIndexConcurrently>"));
    }

    private String payloadIndex(String extra) {
        return createIndex("payload-" + System.nanoTime() + ".xml", "events", "events_payload_idx",
                "<column name=\"payload\" descending=\"true\"/>", extra);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyPartitionGetsItsIndexBuiltConcurrentlyAndAttachedWhileTheApplicationWrites() throws Exception {
        String changelog = payloadIndex("lockTimeout=\"500ms\" lockRetries=\"30\"");
        try (ApplicationWorkload app = ApplicationWorkload.start(db, PartitionedTables.application("events"))) {
            app.awaitStatements(100);

            liquibase.updateWithin(Duration.ofMinutes(3), changelog);

            app.awaitStatements(app.statements() + 50);
            assertThat(app.failures()).isEmpty();
            assertThat(app.longestMillis()).as("no statement queued behind the change (generous bound)")
                    .isLessThan(3_000);
        }
        assertThat(tables.indexes("events")).containsExactly(
                "_default|USING btree (payload DESC)|valid|",
                "_p1|USING btree (payload DESC)|valid|",
                "_p2_eu|USING btree (payload DESC)|valid|_p2",
                "_p2_other|USING btree (payload DESC)|valid|_p2",
                "_p2|USING btree (payload DESC)|valid|",
                "|USING btree (payload DESC)|valid|-");
        assertThat(db.queryOne("SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                + "WHERE t.relname LIKE 'events%'")).isEqualTo("events_default_events_payload_idx,"
                + "events_p1_events_payload_idx,events_p2_eu_events_payload_idx,events_p2_events_payload_idx,"
                + "events_p2_other_events_payload_idx,events_payload_idx");

        tables.create("twin");
        liquibase.update(liquibase.xmlChangelog("stock.xml", "<changeSet id=\"stock\" author=\"test\">"
                + "<createIndex tableName=\"twin\" indexName=\"twin_payload_idx\">"
                + "<column name=\"payload\" descending=\"true\"/></createIndex></changeSet>"));
        assertThat(tables.indexes("events")).as("the same indexes as stock createIndex")
                .isEqualTo(tables.indexes("twin"));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aRerunAfterTheSessionWasKilledDuringALeafBuildSkipsTheDoneLeavesAndRebuildsTheInvalidOne()
            throws Exception {
        String changelog = payloadIndex("");
        tables.killLastLeafBuild(liquibase, changelog, "events", "CREATE INDEX CONCURRENTLY");
        assertThat(tables.indexes("events")).containsExactly(
                "_default|USING btree (payload DESC)|valid|",
                "_p1|USING btree (payload DESC)|valid|",
                "_p2_eu|USING btree (payload DESC)|valid|_p2",
                "_p2_other|USING btree (payload DESC)|INVALID|-",
                "_p2|USING btree (payload DESC)|INVALID|-",
                "|USING btree (payload DESC)|INVALID|-");

        liquibase.update(changelog);

        assertThat(tables.indexes("events")).containsExactly(
                "_default|USING btree (payload DESC)|valid|",
                "_p1|USING btree (payload DESC)|valid|",
                "_p2_eu|USING btree (payload DESC)|valid|_p2",
                "_p2_other|USING btree (payload DESC)|valid|_p2",
                "_p2|USING btree (payload DESC)|valid|",
                "|USING btree (payload DESC)|valid|-");
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(1);
    }

    @Test
    void aRerunAfterEverythingWasBuiltButNotRecordedChangesNothing() {
        String changelog = payloadIndex("");
        liquibase.update(changelog);
        db.execute("DELETE FROM databasechangelog");

        liquibase.update(changelog);

        assertThat(tables.indexes("events")).hasSize(6).allMatch(line -> line.contains("|valid|"));
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(1);
    }

    @Test
    void aUniqueIndexWithThePartitionKeysIsBuiltPerPartition() {
        liquibase.update(createIndex("unique.xml", "events", "events_id_region_key",
                "<column name=\"region\"/><column name=\"id\"/>", "unique=\"true\""));

        assertThat(tables.indexes("events")).hasSize(6)
                .allMatch(line -> line.contains("UNIQUE USING btree (region, id)|valid|"));
    }

    @Test
    void aUniqueIndexWithoutEveryPartitionKeyColumnIsRefusedBeforeAnyStatement() {
        String changelog = createIndex("no-key.xml", "events", "events_id_key", "<column name=\"id\"/>",
                "unique=\"true\"");

        assertThatThrownBy(() -> liquibase.update(changelog))
                .hasMessageContaining("createIndexConcurrently in changeset no-key.xml::idx::test: table "
                        + "public.events is partitioned, and a unique index on it must include every column of the "
                        + "partition key (id, region), but the nested columns gives (id)")
                .hasMessageContaining("Nothing was changed");
        assertThat(tables.indexes("events")).isEmpty();
    }

    @Test
    void updateSqlPrintsTheStepsOfEveryPartitionAndChangesNothing() {
        String sql = liquibase.updateSql(payloadIndex(""));

        assertThat(sql)
                .contains("CREATE INDEX IF NOT EXISTS events_payload_idx ON ONLY public.events (payload DESC)")
                .contains("CREATE INDEX IF NOT EXISTS events_p2_events_payload_idx ON ONLY public.events_p2 "
                        + "(payload DESC)")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS events_p2_eu_events_payload_idx ON "
                        + "public.events_p2_eu (payload DESC)")
                .contains("ALTER INDEX public.events_p2_events_payload_idx ATTACH PARTITION "
                        + "public.events_p2_eu_events_payload_idx")
                .contains("ALTER INDEX public.events_payload_idx ATTACH PARTITION public.events_p2_events_payload_idx")
                .contains("ALTER INDEX public.events_payload_idx ATTACH PARTITION "
                        + "public.events_default_events_payload_idx")
                .contains("-- lock: SHARE UPDATE EXCLUSIVE")
                .doesNotContain("WARNING");
        assertThat(tables.indexes("events")).isEmpty();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void dropIndexConcurrentlyAndTheRollbackDropThePartitionedIndexBrieflyWhileTheApplicationWrites()
            throws Exception {
        String create = payloadIndex("");
        liquibase.update(create);
        db.execute("CREATE INDEX events_note_idx ON events (note)");
        String drop = liquibase.xmlChangelog("drop.xml", CreateIndexConcurrentlyIT.changeSet("drop",
                "<online:dropIndexConcurrently tableName=\"events\" indexName=\"events_note_idx\"/>"));
        assertThat(liquibase.updateSql(drop)).contains("DROP INDEX IF EXISTS events_note_idx")
                .contains("ACCESS EXCLUSIVE on public.events, every partition and their indexes");

        try (ApplicationWorkload app = ApplicationWorkload.start(db, PartitionedTables.application("events"))) {
            app.awaitStatements(100);

            liquibase.updateWithin(Duration.ofMinutes(2), drop);
            liquibase.rollbackCount(create, 1);

            app.awaitStatements(app.statements() + 50);
            assertThat(app.failures()).isEmpty();
            assertThat(app.longestMillis()).isLessThan(3_000);
        }
        assertThat(tables.indexes("events")).isEmpty();
    }
}
