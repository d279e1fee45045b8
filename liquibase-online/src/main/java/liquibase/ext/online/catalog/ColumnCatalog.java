package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


/** Reads {@link ColumnFacts} from PostgreSQL's catalog; read only. */
public final class ColumnCatalog {

    private static final String COLUMN = """
            SELECT a.attnum,
                   format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                               THEN ' COLLATE ' || quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                               ELSE '' END,
                   a.attnotnull, pg_get_expr(d.adbin, d.adrelid), quote_ident(n.nspname)
              FROM pg_attribute a
              JOIN pg_type t ON t.oid = a.atttypid
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_collation co ON co.oid = a.attcollation
              LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""";

    /**
     * Key columns from indkey; pg_depend adds expressions and predicates (an index that backs a constraint depends
     * on the constraint instead, so indkey is needed too).
     */
    private static final String INDEXES = """
            SELECT ic.relname, quote_ident(ic.relname), i.indisunique, pg_get_indexdef(i.indexrelid),
                   'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX '
                       || quote_ident(ic.relname) || ' ON ' || quote_ident(tn.nspname) || '.'
                       || quote_ident(tc.relname) || ' ',
                   con.contype IS NOT NULL
              FROM pg_index i
              JOIN pg_class ic ON ic.oid = i.indexrelid
              JOIN pg_class tc ON tc.oid = i.indrelid
              JOIN pg_namespace tn ON tn.oid = tc.relnamespace
              LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
             WHERE i.indrelid = ? AND i.indisvalid AND NOT i.indisprimary AND con.contype IS DISTINCT FROM 'x'
               AND (? = ANY (i.indkey)
                    OR EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                                  AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid
                                  AND d.refobjsubid = ?))
             ORDER BY ic.relname""";

    private static final String CONSTRAINTS = """
            SELECT conname, contype = 'f', pg_get_constraintdef(oid)
              FROM pg_constraint
             WHERE conrelid = ? AND contype IN ('c', 'f') AND ? = ANY (conkey)
             ORDER BY conname""";

    private static final String INBOUND_KEYS = """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(r.relname), c.conname, quote_ident(c.conname),
                   pg_get_constraintdef(c.oid)
              FROM pg_constraint c
              JOIN pg_class r ON r.oid = c.conrelid
              JOIN pg_namespace n ON n.oid = r.relnamespace
             WHERE c.contype = 'f' AND c.confrelid = ? AND ? = ANY (c.confkey)
             ORDER BY 1, 2""";

    private final Connection connection;

    public ColumnCatalog(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param table  escaped table name, as in the statements
     * @param column escaped column name
     */
    public Optional<ColumnFacts> read(String table, String column) throws SQLException {
        Optional<Long> oid = new Catalog(connection).tableOid(table);
        if (oid.isEmpty()) {
            return Optional.empty();
        }
        long tableOid = oid.get();
        try (PreparedStatement ps = connection.prepareStatement(COLUMN)) {
            ps.setLong(1, tableOid);
            ps.setString(2, Catalog.nameAsParsed(column));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int attnum = rs.getInt(1);
                return Optional.of(new ColumnFacts(rs.getString(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5), indexes(tableOid, attnum), constraints(tableOid, attnum),
                        inboundKeys(tableOid, attnum), Catalog.serverMajor(connection)));
            }
        }
    }

    private List<ColumnFacts.Index> indexes(long tableOid, int attnum) throws SQLException {
        List<ColumnFacts.Index> indexes = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setLong(1, tableOid);
            ps.setInt(2, attnum);
            ps.setInt(3, attnum);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String definition = rs.getString(4);
                    String head = rs.getString(5);
                    if (!definition.startsWith(head)) {
                        throw new SQLException("unexpected index definition, cannot copy it: " + definition);
                    }
                    indexes.add(new ColumnFacts.Index(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            definition.substring(head.length()), rs.getBoolean(6)));
                }
            }
        }
        return indexes;
    }

    private List<ColumnFacts.Constraint> constraints(long tableOid, int attnum) throws SQLException {
        List<ColumnFacts.Constraint> constraints = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
            ps.setLong(1, tableOid);
            ps.setInt(2, attnum);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    constraints.add(new ColumnFacts.Constraint(rs.getString(1), rs.getBoolean(2),
                            withoutNotValid(rs.getString(3))));
                }
            }
        }
        return constraints;
    }

    private List<ColumnFacts.InboundKey> inboundKeys(long tableOid, int attnum) throws SQLException {
        List<ColumnFacts.InboundKey> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(INBOUND_KEYS)) {
            ps.setLong(1, tableOid);
            ps.setInt(2, attnum);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new ColumnFacts.InboundKey(rs.getString(1), rs.getString(2), rs.getString(3),
                            withoutNotValid(rs.getString(4))));
                }
            }
        }
        return keys;
    }

    private static String withoutNotValid(String definition) {
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - 10) : definition;
    }
}
