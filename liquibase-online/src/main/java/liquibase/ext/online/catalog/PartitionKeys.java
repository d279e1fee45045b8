package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a per-partition plan reads besides the tree: the partition key of every partitioned table of the tree (a
 * sub-partitioned partition has its own), and whether an index is a partitioned one. Read-only.
 */
public final class PartitionKeys {

    private static final String KEY = """
            SELECT CASE WHEN k.attnum = 0 THEN NULL ELSE a.attname::text END
              FROM pg_partitioned_table p
              CROSS JOIN LATERAL unnest(p.partattrs::int2[]) WITH ORDINALITY AS k(attnum, ord)
              LEFT JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k.attnum
             WHERE p.partrelid = to_regclass(?)
             ORDER BY k.ord""";

    private PartitionKeys() {
    }

    /**
     * The partition key of each partitioned table of the tree (the root first), as stored column names; an
     * expression in the key is a null element.
     */
    public static Map<String, List<String>> read(Connection connection, PartitionTree tree) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(KEY)) {
            for (PartitionTree.Partition table : tree.partitionedTables()) {
                ps.setString(1, table.sql());
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
                keys.put(table.sql(), columns);
            }
        }
        return keys;
    }

    /**
     * The table of an index that is partitioned (relkind {@code I}), as qualified, quoted text; empty for any
     * other index, or when there is none of that name.
     */
    public static Optional<String> partitionedIndexTable(Connection connection, String qualifiedIndex)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT format('%I.%I', n.nspname, t.relname)
                  FROM pg_class c
                  JOIN pg_index i ON i.indexrelid = c.oid
                  JOIN pg_class t ON t.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE c.oid = to_regclass(?) AND c.relkind = 'I'""")) {
            ps.setString(1, qualifiedIndex);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
