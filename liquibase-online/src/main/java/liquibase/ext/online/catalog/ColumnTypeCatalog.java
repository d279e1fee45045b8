package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.catalog.ColumnTypeFacts;
import liquibase.ext.online.naming.ColumnTypeNames;

/**
 * Reads what {@code changeColumnTypeOnline} needs to know about a column when it starts: its type, NOT NULL,
 * default, the primary key and indexes on it, and every other object that depends on it. Read only.
 */
public final class ColumnTypeCatalog {

    private static final Pattern MODIFIERS = Pattern.compile("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");

    private final Connection connection;
    private final UnaryOperator<String> escape;

    /** @param escape escapes an identifier as the change's SQL does (quotes only when needed) */
    public ColumnTypeCatalog(Connection connection, UnaryOperator<String> escape) {
        this.connection = connection;
        this.escape = escape;
    }

    private record ColumnRow(int attnum, long typeOid, String type, boolean notNull, String identity,
                             String generated, String defaultSql) {
    }

    /**
     * @param tableSql      escaped table, as in the statements
     * @param column        escaped column
     * @param newType       the new type as SQL
     * @param castGiven     a castExpression was given: never the in-place path
     */
    public ColumnTypeFacts read(String tableSql, String column, String newType, boolean castGiven)
            throws SQLException {
        return read(tableSql, column, newType, castGiven, false);
    }

    /** @param oldMayExist a rollback drops {@code <column>_old} itself, so its presence is no reason to refuse */
    public ColumnTypeFacts read(String tableSql, String column, String newType, boolean castGiven,
                                boolean oldMayExist) throws SQLException {
        return facts(tableSql, column, newType, castGiven, oldMayExist).onServer(Catalog.serverMajor(connection));
    }

    private ColumnTypeFacts facts(String tableSql, String column, String newType, boolean castGiven,
                                  boolean oldMayExist) throws SQLException {
        Catalog catalog = new Catalog(connection);
        Long tableOid = catalog.tableOid(tableSql).orElse(null);
        if (tableOid == null) {
            return ColumnTypeFacts.unknown();
        }
        ColumnRow col = column(tableOid, Catalog.nameAsParsed(column));
        if (col == null) {
            return ColumnTypeFacts.unknown();
        }
        List<String> refusals = new ArrayList<>();
        Long newTypeOid = null;
        String newBase = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT t::oid, format_type(t::oid, NULL) FROM (SELECT to_regtype(?) AS t) s")) {
            ps.setString(1, newType);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(2) != null) {
                    newTypeOid = rs.getLong(1);
                    newBase = rs.getString(2);
                }
            }
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        }
        if (newTypeOid == null) {
            return refused("the type " + newType + " (newDataType) is not known to PostgreSQL.");
        }
        if (newTypeOid == col.typeOid() && ExistingColumn.sameModifiers(newType, col.type())) {
            return new ColumnTypeFacts(true, false, col.notNull(), null, null, List.of(), List.of(), List.of());
        }
        String name = Catalog.nameAsParsed(column);
        String shadow = ColumnTypeNames.shadow(name);
        String old = ColumnTypeNames.old(name);
        ColumnRow oldRow = column(tableOid, old);
        if (oldRow != null && !oldMayExist) {
            refusals.add(Messages.typeOldColumnTaken(tableSql, escape.apply(old), column));
        }
        ColumnRow shadowRow = column(tableOid, shadow);
        if (shadowRow != null && !(shadowRow.typeOid() == newTypeOid
                && ExistingColumn.sameModifiers(newType, shadowRow.type()))) {
            refusals.add(Messages.typeShadowColumnTaken(tableSql, escape.apply(shadow), shadowRow.type(), newType));
        }
        boolean noRewrite = !castGiven && shadowRow == null && binaryCompatible(col.type(), newBase, newType);
        if (!col.identity().isEmpty()) {
            refusals.add(Messages.typeIdentityColumn(column));
        }
        if (!col.generated().isEmpty()) {
            refusals.add(Messages.typeGeneratedColumn(column));
        }
        if (!noRewrite) {
            partitionsAndInheritance(tableOid, tableSql, refusals);
        }
        Dependents dependents = dependents(tableOid, col, noRewrite, refusals);
        if (!refusals.isEmpty()) {
            return new ColumnTypeFacts(false, noRewrite, col.notNull(), null, null, List.of(), List.of(), refusals);
        }
        return new ColumnTypeFacts(false, noRewrite, col.notNull(), col.defaultSql(), dependents.primaryKey,
                dependents.indexes, dependents.sequences, List.of());
    }

    private static ColumnTypeFacts refused(String why) {
        return new ColumnTypeFacts(false, false, false, null, null, List.of(), List.of(), List.of(why));
    }

    private ColumnRow column(long tableOid, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT a.attnum, a.atttypid, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       a.attidentity::text, a.attgenerated::text, pg_get_expr(d.adbin, d.adrelid)
                  FROM pg_attribute a
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 WHERE a.attrelid = ? AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""")) {
            ps.setLong(1, tableOid);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new ColumnRow(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5) == null ? "" : rs.getString(5), rs.getString(6) == null ? "" : rs.getString(6),
                        rs.getString(7));
            }
        }
    }

    /**
     * True only for changes PostgreSQL is known to make without rewriting the table or its indexes: a longer
     * or unlimited varchar, varchar to text and back to unlimited varchar, numeric with more precision and the
     * same scale or unconstrained. Anything else takes the shadow-column path.
     */
    static boolean binaryCompatible(String oldType, String newBase, String newType) {
        String oldBase = base(oldType);
        int[] oldMods = modifiers(oldType);
        int[] newMods = modifiers(newType);
        if (oldType.endsWith("]") || newType.trim().endsWith("]")) {
            return false;
        }
        switch (oldBase) {
            case "character varying":
                if ("text".equals(newBase)) {
                    return true;
                }
                if ("character varying".equals(newBase)) {
                    return newMods == null || (oldMods != null && newMods[0] >= oldMods[0]);
                }
                return false;
            case "text":
                return "character varying".equals(newBase) && newMods == null;
            case "numeric":
                if (!"numeric".equals(newBase)) {
                    return false;
                }
                if (newMods == null) {
                    return true;
                }
                if (oldMods == null) {
                    return false;
                }
                int oldScale = oldMods.length > 1 ? oldMods[1] : 0;
                int newScale = newMods.length > 1 ? newMods[1] : 0;
                return newScale == oldScale && newMods[0] >= oldMods[0];
            default:
                return false;
        }
    }

    private static String base(String type) {
        int open = type.indexOf('(');
        return (open < 0 ? type : type.substring(0, open)).trim().toLowerCase(Locale.ROOT);
    }

    private static int[] modifiers(String type) {
        Matcher m = MODIFIERS.matcher(type);
        if (!m.find()) {
            return null;
        }
        return m.group(2) == null ? new int[]{Integer.parseInt(m.group(1))}
                : new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private void partitionsAndInheritance(long tableOid, String tableSql, List<String> refusals) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.relkind::text,
                       EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)
                  FROM pg_class c WHERE c.oid = ?""")) {
            ps.setLong(1, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && ("p".equals(rs.getString(1)) || rs.getBoolean(2))) {
                    refusals.add(Messages.typePartitionedOrInherited(tableSql));
                }
            }
        }
    }

    private static final class Dependents {
        ColumnTypeFacts.ShadowIndex primaryKey;
        final List<ColumnTypeFacts.ShadowIndex> indexes = new ArrayList<>();
        final List<String> sequences = new ArrayList<>();
    }

    /**
     * Everything pg_depend ties to the column. Handled: its own default, a sequence it owns, the primary key on
     * it alone, plain single-column indexes, PostgreSQL 18's NOT NULL constraint. Anything else is named in a
     * refusal. In the in-place path only views and rules are refused (PostgreSQL itself would reject the change).
     */
    private Dependents dependents(long tableOid, ColumnRow col, boolean noRewrite, List<String> refusals)
            throws SQLException {
        Dependents found = new Dependents();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT d.classid::regclass::text, d.objid, pg_describe_object(d.classid, d.objid, d.objsubid),
                       c.relkind::text,
                       (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                          FROM pg_namespace n WHERE n.oid = c.relnamespace),
                       k.contype::text, k.conname, k.conrelid = ? AND k.conkey = ARRAY[?::smallint],
                       k.conrelid::regclass::text,
                       r.ev_class::regclass::text,
                       ad.adnum
                  FROM pg_depend d
                  LEFT JOIN pg_class c ON d.classid = 'pg_class'::regclass AND c.oid = d.objid
                  LEFT JOIN pg_constraint k ON d.classid = 'pg_constraint'::regclass AND k.oid = d.objid
                  LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
                  LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
                 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND d.refobjsubid = ?
                   AND d.deptype IN ('n', 'a')
                 ORDER BY 3""")) {
            ps.setLong(1, tableOid);
            ps.setInt(2, col.attnum());
            ps.setLong(3, tableOid);
            ps.setInt(4, col.attnum());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String catalog = rs.getString(1);
                    String described = rs.getString(3);
                    if ("pg_rewrite".equals(catalog)) {
                        refusals.add(Messages.typeViewOrRule(rs.getString(10), described));
                        continue;
                    }
                    if (noRewrite) {
                        continue;
                    }
                    switch (catalog) {
                        case "pg_attrdef" -> {
                            if (rs.getInt(11) != col.attnum()) {
                                refusals.add(Messages.typeUsedBy(described));
                            }
                        }
                        case "pg_class" -> {
                            String kind = rs.getString(4);
                            if ("S".equals(kind)) {
                                found.sequences.add(rs.getString(5));
                            } else if ("i".equals(kind) && backsPrimaryKeyOf(rs.getLong(2), tableOid)) {
                                continue;
                            } else if ("i".equals(kind)) {
                                ColumnTypeFacts.ShadowIndex index = plainIndex(rs.getLong(2), col.attnum());
                                if (index == null) {
                                    refusals.add(Messages.typeCompositeIndex(rs.getString(5)));
                                } else {
                                    found.indexes.add(index);
                                }
                            } else {
                                refusals.add(Messages.typeDependsOn(described));
                            }
                        }
                        case "pg_constraint" -> constraint(rs, found, refusals);
                        default -> refusals.add(Messages.typeDependsOn(described));
                    }
                }
            }
        }
        return found;
    }

    private void constraint(ResultSet rs, Dependents found, List<String> refusals) throws SQLException {
        String type = rs.getString(6);
        String name = rs.getString(7);
        boolean onThisColumnAlone = rs.getBoolean(8);
        String onTable = rs.getString(9);
        if ("n".equals(type) && onThisColumnAlone) {
            return;
        }
        if ("p".equals(type) && onThisColumnAlone) {
            String escaped = escape.apply(name);
            found.primaryKey = new ColumnTypeFacts.ShadowIndex(escaped,
                    escape.apply(ColumnTypeNames.shadowIndex(name)), true, "btree", "");
            return;
        }
        String what = switch (type) {
            case "f" -> "foreign key " + name + " on table " + onTable;
            case "p" -> "primary key " + name + " (on several columns)";
            case "u" -> "unique constraint " + name;
            case "c" -> "check constraint " + name;
            case "x" -> "exclusion constraint " + name;
            default -> "constraint " + name;
        };
        refusals.add(Messages.typeConstraintUses(what));
    }

    private boolean backsPrimaryKeyOf(long indexOid, long tableOid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_constraint "
                + "WHERE conindid = ? AND conrelid = ? AND contype = 'p')")) {
            ps.setLong(1, indexOid);
            ps.setLong(2, tableOid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The type of a column as format_type prints it, or null when the table or column does not exist. */
    public String typeOf(String tableSql, String column) throws SQLException {
        Long tableOid = new Catalog(connection).tableOid(tableSql).orElse(null);
        ColumnRow row = tableOid == null ? null : column(tableOid, Catalog.nameAsParsed(column));
        return row == null ? null : row.type();
    }

    /** The index if it is on this column alone, plain (no expression, predicate, INCLUDE), default opclass. */
    private ColumnTypeFacts.ShadowIndex plainIndex(long indexOid, int attnum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT c.relname, i.indisunique, am.amname, i.indoption[0],
                       i.indnatts = 1 AND i.indkey[0] = ? AND i.indexprs IS NULL AND i.indpred IS NULL
                       AND opc.opcdefault
                       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                  FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indexrelid
                  JOIN pg_am am ON am.oid = c.relam
                  JOIN pg_opclass opc ON opc.oid = i.indclass[0]
                 WHERE i.indexrelid = ?""")) {
            ps.setInt(1, attnum);
            ps.setLong(2, indexOid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(5)) {
                    return null;
                }
                String name = rs.getString(1);
                int option = rs.getInt(4);
                boolean desc = (option & 1) != 0;
                boolean nullsFirst = (option & 2) != 0;
                String options = (desc ? " DESC" : "") + (nullsFirst != desc ? (nullsFirst ? " NULLS FIRST"
                        : " NULLS LAST") : "");
                return new ColumnTypeFacts.ShadowIndex(escape.apply(name),
                        escape.apply(ColumnTypeNames.shadowIndex(name)), rs.getBoolean(2), rs.getString(3), options);
            }
        }
    }

    /**
     * For {@code completeColumnTypeChange}: whatever depends on the old column, described; empty when it can be
     * dropped. Null when the column does not exist.
     */
    public List<String> dependentsOf(String tableSql, String column) throws SQLException {
        Long tableOid = new Catalog(connection).tableOid(tableSql).orElse(null);
        if (tableOid == null) {
            return List.of();
        }
        ColumnRow col = column(tableOid, Catalog.nameAsParsed(column));
        if (col == null) {
            return null;
        }
        List<String> found = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT pg_describe_object(d.classid, d.objid, d.objsubid)
                  FROM pg_depend d
                  LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
                 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ? AND d.refobjsubid = ?
                   AND d.deptype IN ('n', 'a') AND ad.oid IS NULL
                 ORDER BY 1""")) {
            ps.setLong(1, tableOid);
            ps.setInt(2, col.attnum());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
