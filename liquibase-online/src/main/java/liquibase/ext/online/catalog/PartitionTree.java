package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A declaratively partitioned table as the catalog holds it: every partition below the root, parents before their
 * children, so a plan can build on the leaves and then attach upwards. Read-only.
 *
 * @param root      the partitioned table the change names
 * @param keyColumns the root's partition key columns, quoted; empty where the key is an expression only
 * @param partitions every partition below the root, breadth-first (a parent before its children)
 */
public record PartitionTree(Partition root, List<String> keyColumns, List<Partition> partitions) {

    /**
     * One table of the tree.
     *
     * @param sql         schema-qualified, quoted name, usable in DDL
     * @param name        the table's own name, unquoted, as PostgreSQL stores it
     * @param parentSql   the parent's qualified name; null for the root
     * @param level       0 for the root, 1 for its partitions, ...
     * @param partitioned true for a partition that is itself partitioned (it holds no rows)
     */
    public record Partition(String sql, String name, String parentSql, int level, boolean partitioned) {
    }

    private static final String TREE = """
            WITH RECURSIVE tree(relid, parentrelid, level) AS (
                SELECT c.oid, NULL::oid, 0 FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind = 'p'
                UNION ALL
                SELECT i.inhrelid, i.inhparent, t.level + 1
                  FROM pg_inherits i JOIN tree t ON i.inhparent = t.relid
            )
            SELECT format('%I.%I', n.nspname, c.relname), c.relname,
                   CASE WHEN t.parentrelid IS NULL THEN NULL
                        ELSE (SELECT format('%I.%I', pn.nspname, pc.relname)
                                FROM pg_class pc JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                               WHERE pc.oid = t.parentrelid) END,
                   t.level, c.relkind = 'p'
              FROM tree t
              JOIN pg_class c ON c.oid = t.relid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             ORDER BY t.level, c.relname""";

    private static final String KEY_COLUMNS = """
            SELECT quote_ident(a.attname)
              FROM pg_partitioned_table p
              CROSS JOIN LATERAL unnest(p.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k.attnum
             WHERE p.partrelid = to_regclass(?) AND k.attnum > 0
             ORDER BY k.ord""";

    /** The tree below a table, or empty when the table is not partitioned (or does not exist). */
    public static Optional<PartitionTree> read(Connection connection, String tableSql) throws SQLException {
        List<Partition> all = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(TREE)) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(new Partition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getBoolean(5)));
                }
            }
        }
        if (all.isEmpty()) {
            return Optional.empty();
        }
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(KEY_COLUMNS)) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new PartitionTree(all.get(0), List.copyOf(keys), List.copyOf(all.subList(1, all.size()))));
    }

    /** The partitions that hold rows: where indexes are built and batches run. */
    public List<Partition> leaves() {
        return partitions.stream().filter(p -> !p.partitioned()).toList();
    }

    /** The partitioned tables of the tree, the root first, then deeper levels. */
    public List<Partition> partitionedTables() {
        List<Partition> result = new ArrayList<>();
        result.add(root);
        partitions.stream().filter(Partition::partitioned).forEach(result::add);
        return result;
    }

    /** The partitions directly below one table of the tree. */
    public List<Partition> childrenOf(Partition parent) {
        return partitions.stream().filter(p -> parent.sql().equals(p.parentSql())).toList();
    }
}
