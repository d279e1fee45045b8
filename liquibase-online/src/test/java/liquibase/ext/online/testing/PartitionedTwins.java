package liquibase.ext.online.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A declaratively partitioned table for the tests, and what they compare of it: {@code PARTITION BY RANGE (id)}
 * with a leaf ({@code <root>_1}), a partition itself partitioned {@code BY LIST (kind)} with a leaf and its own
 * DEFAULT ({@code <root>_2}, {@code <root>_2a}, {@code <root>_2d}), and a DEFAULT partition ({@code <root>_d}).
 * Each leaf holds rows. Twin tables (same shape, another root name) take the stock change, so the online change's
 * result can be compared with it, names relative to the root.
 */
public final class PartitionedTwins {

    /** Leaves of a tree made by {@link #create}, by suffix. */
    public static final List<String> LEAVES = List.of("_1", "_2a", "_2d", "_d");

    private final TestDatabase db;

    public PartitionedTwins(TestDatabase db) {
        this.db = db;
    }

    /**
     * {@code root(id bigint, kind text, customer_id bigint, total_cents int, status text)}, primary key
     * {@code (id, kind)}, with {@code rows} rows: ids 1..rows spread over the leaves (10000 per range partition,
     * the rest in the default one), every other row of kind 'a', a NULL status everywhere.
     */
    public void create(String root, int rows) {
        db.execute("CREATE TABLE " + root + " (id bigint NOT NULL, kind text NOT NULL, customer_id bigint, "
                        + "total_cents int, status text, PRIMARY KEY (id, kind)) PARTITION BY RANGE (id)",
                "CREATE TABLE " + root + "_1 PARTITION OF " + root + " FOR VALUES FROM (1) TO (10001)",
                "CREATE TABLE " + root + "_2 PARTITION OF " + root + " FOR VALUES FROM (10001) TO (20001) "
                        + "PARTITION BY LIST (kind)",
                "CREATE TABLE " + root + "_2a PARTITION OF " + root + "_2 FOR VALUES IN ('a')",
                "CREATE TABLE " + root + "_2d PARTITION OF " + root + "_2 DEFAULT",
                "CREATE TABLE " + root + "_d PARTITION OF " + root + " DEFAULT",
                "INSERT INTO " + root + " (id, kind, customer_id, total_cents) SELECT g, CASE WHEN g % 2 = 0 "
                        + "THEN 'a' ELSE 'b' END, g % 100 + 1, g FROM generate_series(1, " + rows + ") g",
                "ANALYZE " + root);
    }

    /**
     * The setting of the tests that compare with the stock change: {@code customers(id)} with ids 1..100 to
     * reference, and the trees {@code orders} and {@code twin} of {@code rows} rows each.
     */
    public void createOrdersAndTwin(int rows) {
        db.execute("CREATE TABLE customers (id bigint PRIMARY KEY)",
                "INSERT INTO customers SELECT g FROM generate_series(1, 100) g");
        create("orders", rows);
        create("twin", rows);
    }

    /**
     * An application that writes to every partition of {@code orders} (made with {@code rows} rows): updates
     * across the key range, inserts into the default partition, and new customers; started and running.
     */
    public ApplicationWorkload application(int rows) throws InterruptedException {
        return ApplicationWorkload.start(db,
                "UPDATE orders SET total_cents = total_cents + 1 WHERE id = ({n} * 7) % " + rows + " + 1",
                "INSERT INTO orders (id, kind, customer_id, total_cents) "
                        + "VALUES (100000 + {n}, 'b', {n} % 100 + 1, {n})",
                "INSERT INTO customers VALUES (1000 + {n})").awaitStatements(50);
    }

    /** The application had no failed statement and none queued behind the change. */
    public static void assertNoWaits(ApplicationWorkload app) {
        assertThat(app.failures()).isEmpty();
        assertThat(app.longestMillis()).as("no statement queued behind the change (generous bound)")
                .isLessThan(3_000);
    }

    /**
     * Columns and constraints of every table of the tree, one line each, with the root's name replaced by
     * {@code <t>} so two trees compare: {@code table column type notnull default} and
     * {@code table constraint type definition validated inherited}.
     */
    public String schema(String root) {
        List<List<Object>> rows = db.query("""
                WITH tree AS (SELECT relid FROM pg_partition_tree('%1$s'))
                SELECT c.relname || ' column ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                       || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                  FROM tree JOIN pg_class c ON c.oid = tree.relid
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
                UNION ALL
                SELECT c.relname || ' constraint ' || k.conname || ' ' || k.contype::text || ' '
                       || pg_get_constraintdef(k.oid)
                       || CASE WHEN k.convalidated THEN ' validated' ELSE ' NOT VALID' END
                       || CASE WHEN k.conparentid <> 0 OR k.coninhcount > 0 THEN ' inherited' ELSE '' END
                  FROM tree JOIN pg_class c ON c.oid = tree.relid
                  JOIN pg_constraint k ON k.conrelid = c.oid
                ORDER BY 1""".formatted(root));
        return rows.stream().map(r -> ((String) r.get(0)).replace(root, "<t>")).collect(Collectors.joining("\n"));
    }

    /** The rows of the tree, in key order, as one md5. */
    public String data(String root) {
        return (String) db.queryOne("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id, kind), '')) FROM "
                + root + " t");
    }

    /** Constraints called {@code name} in the tree that are not validated, or not attached to the parent's. */
    public List<String> notValidOrNotAttached(String root, String name) {
        return db.query("""
                SELECT c.relname || CASE WHEN k.oid IS NULL THEN ' missing' WHEN NOT k.convalidated THEN ' not valid'
                       ELSE ' not attached' END
                  FROM pg_partition_tree('%s') t JOIN pg_class c ON c.oid = t.relid
                  LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.conname = '%s'
                 WHERE k.oid IS NULL OR NOT k.convalidated OR (t.level > 0 AND k.conparentid = 0 AND k.coninhcount = 0)
                 ORDER BY 1""".formatted(root, name)).stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    public int serverMajor() {
        return (int) db.count("SELECT current_setting('server_version_num')::int / 10000");
    }
}
