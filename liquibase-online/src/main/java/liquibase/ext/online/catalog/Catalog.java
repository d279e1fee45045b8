package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ext.online.plan.IndexShape;

/**
 * Read-only questions to PostgreSQL's catalog. Tables are looked up with {@code to_regclass} on the same escaped
 * text the statements use, so a name resolves here exactly as it will in the DDL.
 */
public final class Catalog {

    private static final String KEY_COLUMNS_OF_INDEX = """
            SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indexrelid = ?
             ORDER BY k.ord""";

    /** The primary key, else the narrowest valid unique index on plain NOT NULL columns without a predicate. */
    private static final String USABLE_KEY_INDEX = """
            SELECT i.indexrelid
              FROM pg_index i
             WHERE i.indrelid = ?
               AND i.indisvalid AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
               AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                                WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) AND NOT a.attnotnull)
             ORDER BY i.indisprimary DESC, i.indnatts, i.indexrelid
             LIMIT 1""";

    private static final String LOCK_HOLDERS = """
            SELECT a.pid, coalesce(a.state, '?'), a.query_start, l.mode, l.granted,
                   left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 200)
              FROM pg_locks l
              JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'relation' AND l.relation = to_regclass(?) AND l.pid <> pg_backend_pid()
             ORDER BY l.granted DESC, a.query_start""";

    private final Connection connection;

    /** The server's major version, e.g. 17. */
    public static int serverMajor(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseMajorVersion();
    }

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    public Optional<Long> tableOid(String tableSql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.oid FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')")) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The column named by an escaped identifier, with its type, if it exists. */
    public Optional<KeyColumn> column(long tableOid, String escapedColumn) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT quote_ident(attname), format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, tableOid);
            ps.setString(2, nameAsParsed(escapedColumn));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new KeyColumn(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * Whether the column may hold NULL: a row whose key is NULL lies in no key range, so a walk would never reach
     * it and report success with the row untouched.
     */
    public boolean allowsNull(long tableOid, String escapedColumn) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT NOT attnotnull FROM pg_attribute "
                + "WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setLong(1, tableOid);
            ps.setString(2, nameAsParsed(escapedColumn));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * The column named by an escaped identifier, compared with the type a change wants to give it; empty if the
     * column does not exist.
     */
    public Optional<ExistingColumn> existingColumn(long tableOid, String escapedColumn, String wantedType)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT format_type(atttypid, atttypmod), atttypid = to_regtype(?)::oid, attnotnull "
                        + "FROM pg_attribute WHERE attrelid = ? AND attname = ? AND attnum > 0 AND NOT attisdropped")) {
            ps.setString(1, wantedType);
            ps.setLong(2, tableOid);
            ps.setString(3, nameAsParsed(escapedColumn));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String type = rs.getString(1);
                boolean sameType = rs.getBoolean(2) && ExistingColumn.sameModifiers(wantedType, type);
                return Optional.of(new ExistingColumn(type, sameType, rs.getBoolean(3)));
            }
        }
    }

    /** Columns of the primary key, or of a unique index on NOT NULL columns; empty if the table has neither. */
    public List<KeyColumn> usableKey(long tableOid) throws SQLException {
        long indexOid;
        try (PreparedStatement ps = connection.prepareStatement(USABLE_KEY_INDEX)) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                indexOid = rs.getLong(1);
            }
        }
        List<KeyColumn> key = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(KEY_COLUMNS_OF_INDEX)) {
            ps.setLong(1, indexOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(new KeyColumn(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return key;
    }

    /** {@code reltuples}: PostgreSQL's own estimate of the row count, free to read; -1 if never analyzed. */
    public long estimatedRows(long tableOid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** One line per session that holds or awaits a lock on the table: pid, state, query start, mode, query. */
    public String lockHolders(String tableSql) {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement ps = connection.prepareStatement(LOCK_HOLDERS)) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(String.format(Locale.ROOT, "  pid %d, state '%s', query started %s, %s %s: %s%n",
                            rs.getInt(1), rs.getString(2), rs.getTimestamp(3), rs.getBoolean(5) ? "holds" : "awaits",
                            rs.getString(4), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            return "  (could not read pg_locks: " + e.getMessage() + ")";
        }
        return out.toString().stripTrailing();
    }

    /**
     * The key of a table for printing a script; empty when the table does not exist (yet) or the database cannot
     * be asked, {@code ctid} when the table has no usable key and is walked by block ranges. Used only in update-sql
     * mode.
     */
    public static List<String> keyForScript(Database database, String tableSql) {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            return List.of();
        }
        try {
            Catalog catalog = new Catalog(jdbc.getUnderlyingConnection());
            Optional<Long> oid = catalog.tableOid(tableSql);
            if (oid.isEmpty()) {
                return List.of();
            }
            List<String> key = catalog.usableKey(oid.get()).stream().map(KeyColumn::sql).toList();
            // no usable key: walked by block ranges, unless partitioned: the parent has no blocks of its own to
            // print a loop over, and the change walks its leaves one by one when it runs
            return !key.isEmpty() || catalog.isTrue("SELECT relkind = 'p' FROM pg_class WHERE oid = " + oid.get())
                    ? key : List.of(KeyColumn.BLOCKS.sql());
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first column of every row a query returns, as text. */
    public List<String> firstColumn(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The name PostgreSQL sees for an identifier as written in SQL: quoted names are taken as they are. */
    public static String nameAsParsed(String escaped) {
        String s = escaped.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Runs a query that answers one boolean, e.g. a step's doneWhen. */
    public boolean isTrue(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Up to {@code limit} rows of a query, each row's columns joined with ", ", for messages. */
    public List<String> sampleRows(String sql, int limit) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rows.size() < limit && rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join(", ", values));
            }
        }
        return rows;
    }

    /**
     * The shape of the valid index of that name on the table, key columns quoted as identifiers (null for an
     * expression); empty if there is none, or it is INVALID (a leftover that the change drops and builds again).
     */
    public Optional<IndexShape> validIndexShape(long tableOid, String escapedName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT i.indisunique, i.indpred IS NOT NULL,
                       ARRAY(SELECT CASE WHEN k.attnum = 0 THEN NULL ELSE quote_ident(a.attname) END
                               FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                               LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                              WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 WHERE i.indrelid = ? AND c.relname = ? AND i.indisvalid""")) {
            ps.setLong(1, tableOid);
            ps.setString(2, nameAsParsed(escapedName));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String[] keys = (String[]) rs.getArray(3).getArray();
                return Optional.of(new IndexShape(rs.getBoolean(1), Arrays.asList(keys), rs.getBoolean(2)));
            }
        }
    }

    /** The constraint of that name on the table; empty if there is none. */
    public Optional<ExistingConstraint> constraint(long tableOid, String escapedName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT k.contype::text, pg_get_constraintdef(k.oid),
                       ARRAY(SELECT quote_ident(a.attname) FROM unnest(k.conkey) WITH ORDINALITY AS c(attnum, ord)
                               JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum ORDER BY c.ord),
                       k.confrelid,
                       ARRAY(SELECT quote_ident(a.attname) FROM unnest(k.confkey) WITH ORDINALITY AS c(attnum, ord)
                               JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.ord),
                       k.confupdtype::text, k.confdeltype::text, k.confmatchtype::text, k.condeferrable, k.condeferred
                  FROM pg_constraint k
                 WHERE k.conrelid = ? AND k.conname = ?""")) {
            ps.setLong(1, tableOid);
            ps.setString(2, nameAsParsed(escapedName));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ExistingConstraint(rs.getString(1).charAt(0), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getLong(4),
                        Arrays.asList((String[]) rs.getArray(5).getArray()), first(rs.getString(6)),
                        first(rs.getString(7)), first(rs.getString(8)), rs.getBoolean(9), rs.getBoolean(10)));
            }
        }
    }

    private static char first(String text) {
        return text == null || text.isEmpty() ? ' ' : text.charAt(0);
    }

    /**
     * {@code CHECK (condition)} as PostgreSQL prints it for this table ({@code pg_get_constraintdef}), so that
     * two ways of writing the same condition compare equal. The check is added to an empty temporary table
     * {@code LIKE} this one (ACCESS SHARE on the table, nothing else) in a transaction that is rolled back, so
     * nothing stays. Empty when that is not possible: no TEMP privilege, or a condition PostgreSQL rejects.
     */
    public Optional<String> checkAsPrinted(long tableOid, String condition) throws SQLException {
        String name;
        String table;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT quote_ident(relname), oid::regclass::text FROM pg_class WHERE oid = ?")) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                name = rs.getString(1);
                table = rs.getString(2);
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE " + name + " (LIKE " + table + ")");
            st.execute("ALTER TABLE pg_temp." + name + " ADD CONSTRAINT online_wanted_check CHECK (" + condition
                    + ") NOT VALID");
            try (ResultSet rs = st.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                    + "conrelid = 'pg_temp." + name.replace("'", "''") + "'::regclass AND conname = "
                    + "'online_wanted_check'")) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(savepoint);
            }
        }
    }

    /**
     * What is called {@code escapedName} in the schema of the table: its kind ({@code relkind}) and, for an
     * index, its table; empty if nothing is.
     */
    public Optional<Relation> relationNextTo(long tableOid, String escapedName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.relkind::text, i.indrelid::regclass::text, i.indrelid = t.oid
                  FROM pg_class t
                  JOIN pg_class c ON c.relnamespace = t.relnamespace
                  LEFT JOIN pg_index i ON i.indexrelid = c.oid
                 WHERE t.oid = ? AND c.relname = ?""")) {
            ps.setLong(1, tableOid);
            ps.setString(2, nameAsParsed(escapedName));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Relation(rs.getString(1), rs.getString(2), rs.getBoolean(3), null))
                        : Optional.empty();
            }
        }
    }

    /**
     * The relation {@code DROP INDEX} would resolve {@code qualifiedName} to: its kind, its table if it is an
     * index, and the constraint it backs, if any; empty if there is none.
     */
    public Optional<Relation> relation(String qualifiedName) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.relkind::text, i.indrelid::regclass::text, false,
                       (SELECT k.conname FROM pg_constraint k WHERE k.conindid = c.oid AND k.contype IN ('p', 'u', 'x')
                         LIMIT 1)
                  FROM pg_class c
                  LEFT JOIN pg_index i ON i.indexrelid = c.oid
                 WHERE c.oid = to_regclass(?)""")) {
            ps.setString(1, qualifiedName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Relation(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4))) : Optional.empty();
            }
        }
    }

    /**
     * A row of {@code pg_constraint}, columns quoted as identifiers.
     *
     * @param type       {@code contype}
     * @param definition {@code pg_get_constraintdef}, for messages and to compare checks
     */
    public record ExistingConstraint(char type, String definition, List<String> columns, long referencedOid,
                                     List<String> referencedColumns, char onUpdate, char onDelete, char match,
                                     boolean deferrable, boolean initiallyDeferred) {
    }

    /**
     * @param kind        {@code pg_class.relkind}: {@code i} for an index
     * @param indexTable  the table of an index, as regclass text, or null
     * @param onThisTable the index is on the table that was asked about
     * @param constraint  the primary key, unique or exclusion constraint the index backs, or null
     */
    public record Relation(String kind, String indexTable, boolean onThisTable, String constraint) {

        public boolean isIndex() {
            return "i".equals(kind) || "I".equals(kind);
        }
    }
}
