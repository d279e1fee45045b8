package liquibase.ext.online.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A partitioned table of every kind the per-partition plans handle: {@code PARTITION BY RANGE (id)} with a plain
 * leaf, a partition that is itself partitioned ({@code LIST (region)}, with its own DEFAULT) and a DEFAULT
 * partition, plus what the tests read back about its indexes and constraints.
 */
public final class PartitionedTables {

    private final TestDatabase db;

    public PartitionedTables(TestDatabase db) {
        this.db = db;
    }

    /**
     * {@code <name>} with leaves {@code <name>_p1} (ids up to 100000), {@code <name>_p2_eu} and
     * {@code <name>_p2_other} (ids up to 200000, by region) and {@code <name>_default}; 20000, 20000 and 10000
     * rows.
     */
    public void create(String name) {
        db.execute("CREATE TABLE " + name + " (id bigint NOT NULL, region text NOT NULL, payload int, note text) "
                        + "PARTITION BY RANGE (id)",
                "CREATE TABLE " + name + "_p1 PARTITION OF " + name + " FOR VALUES FROM (1) TO (100001)",
                "CREATE TABLE " + name + "_p2 PARTITION OF " + name + " FOR VALUES FROM (100001) TO (200001) "
                        + "PARTITION BY LIST (region)",
                "CREATE TABLE " + name + "_p2_eu PARTITION OF " + name + "_p2 FOR VALUES IN ('eu')",
                "CREATE TABLE " + name + "_p2_other PARTITION OF " + name + "_p2 DEFAULT",
                "CREATE TABLE " + name + "_default PARTITION OF " + name + " DEFAULT",
                "INSERT INTO " + name + " SELECT g, 'eu', g % 1000, 'row' FROM generate_series(1, 20000) g",
                "INSERT INTO " + name + " SELECT g, CASE WHEN g % 2 = 0 THEN 'eu' ELSE 'us' END, g % 1000, 'row' "
                        + "FROM generate_series(100001, 120000) g",
                "INSERT INTO " + name + " SELECT g, 'us', g % 1000, 'row' FROM generate_series(200001, 210000) g",
                "ANALYZE " + name);
    }

    /** Statements of an application writing into every leaf of the table; {@code {n}} counts per client. */
    public static String[] application(String name) {
        return new String[]{
                "INSERT INTO " + name + " (id, region, payload) VALUES (50000 + {n}, 'eu', {n} % 1000)",
                "INSERT INTO " + name + " (id, region, payload) VALUES (150000 + {n}, "
                        + "CASE WHEN {n} % 2 = 0 THEN 'eu' ELSE 'us' END, {n} % 1000)",
                "INSERT INTO " + name + " (id, region, payload) VALUES (300000 + {n}, 'us', {n} % 1000)",
                "UPDATE " + name + " SET payload = payload + 1 WHERE id = {n} % 20000 + 1",
                "SELECT count(*) FROM " + name + " WHERE payload = {n} % 1000"};
    }

    /**
     * Runs {@code changelog} while a writer holds an open insert on {@code <name>_p2_other}, so the build
     * {@code CONCURRENTLY} of that leaf waits after the others are done; then kills the build's session, as a
     * kill -9 of Liquibase would end it, and waits (bounded) for the update to fail. The insert is rolled back.
     *
     * @param build how the build's statement starts, e.g. {@code CREATE UNIQUE INDEX CONCURRENTLY}
     */
    public void killLastLeafBuild(LiquibaseRunner liquibase, String changelog, String name, String build)
            throws SQLException, InterruptedException {
        String leafBuild = "'" + build + "%" + name + "_p2_other%'";
        try (Connection writer = db.connect(); Statement st = writer.createStatement()) {
            writer.setAutoCommit(false);
            st.execute("INSERT INTO " + name + "_p2_other (id, region, payload) VALUES (199999, 'us', 1)");
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> liquibase.update(changelog));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE " + leafBuild
                    + " AND wait_event_type = 'Lock'") == 0) {
                assertThat(System.nanoTime()).as("the build of the last leaf did not start").isLessThan(deadline);
                assertThat(run).as("the update ended before the kill").isNotDone();
                Thread.sleep(20);
            }
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE " + leafBuild);
            assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS)).isNotNull();
            writer.rollback();
        }
    }

    /**
     * Every index on the tables of the tree, one line each, with the table's name prefix cut off so two twins
     * compare equal, sorted by code point: {@code <table>|<definition from USING>|valid|<table of the parent index, or ->}. Index names
     * are left out: PostgreSQL names a partition's index itself.
     */
    public List<String> indexes(String root) {
        return strings("""
                WITH RECURSIVE tree(relid) AS (
                    SELECT '%1$s'::regclass::oid
                    UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.relid)
                SELECT replace(t.relname, '%1$s', '') || '|' || (CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END)
                       || substring(pg_get_indexdef(x.indexrelid) from 'USING .*') || '|'
                       || CASE WHEN x.indisvalid THEN 'valid' ELSE 'INVALID' END || '|'
                       || coalesce((SELECT replace(pt.relname, '%1$s', '') FROM pg_inherits h
                                      JOIN pg_index pi ON pi.indexrelid = h.inhparent
                                      JOIN pg_class pt ON pt.oid = pi.indrelid
                                     WHERE h.inhrelid = x.indexrelid), '-')
                  FROM tree JOIN pg_index x ON x.indrelid = tree.relid JOIN pg_class t ON t.oid = tree.relid
                 ORDER BY 1""".formatted(root));
    }

    /**
     * Every unique constraint on the tables of the tree, prefix cut off from table and constraint names:
     * {@code <table>|<constraint>|<definition>|attached or own}.
     */
    public List<String> uniqueConstraints(String root) {
        return strings("""
                WITH RECURSIVE tree(relid) AS (
                    SELECT '%1$s'::regclass::oid
                    UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.relid)
                SELECT replace(t.relname, '%1$s', '') || '|' || replace(k.conname, '%1$s', '') || '|'
                       || pg_get_constraintdef(k.oid) || '|'
                       || CASE WHEN k.conparentid <> 0 THEN 'attached' ELSE 'own' END
                  FROM tree JOIN pg_constraint k ON k.conrelid = tree.relid AND k.contype = 'u'
                  JOIN pg_class t ON t.oid = tree.relid
                 ORDER BY 1""".formatted(root));
    }

    private List<String> strings(String sql) {
        return db.query(sql).stream().map(row -> String.valueOf(row.get(0))).sorted().toList();
    }
}
