package liquibase.ext.online.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the tests look up in PostgreSQL's catalog, as short strings that read well in assertions. */
public final class Catalogs {

    private final TestDatabase db;

    public Catalogs(TestDatabase db) {
        this.db = db;
    }

    /** valid|unique, or null when no index of that name exists. */
    public String index(String name) {
        List<List<Object>> rows = db.query("SELECT i.indisvalid, i.indisunique FROM pg_index i "
                + "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = '" + name + "'");
        return rows.isEmpty() ? null : (Boolean.TRUE.equals(rows.get(0).get(0)) ? "valid" : "invalid") + "|"
                + (Boolean.TRUE.equals(rows.get(0).get(1)) ? "unique" : "not unique");
    }

    /** pg_get_indexdef of the index, or null. */
    public String indexDefinition(String name) {
        return (String) db.queryOne("SELECT pg_get_indexdef(c.oid) FROM pg_class c WHERE c.relname = '" + name + "'");
    }

    /** contype|validated, or null when no constraint of that name exists. */
    public String constraint(String name) {
        List<List<Object>> rows = db.query("SELECT contype, convalidated FROM pg_constraint WHERE conname = '"
                + name + "'");
        return rows.isEmpty() ? null
                : rows.get(0).get(0) + "|" + (Boolean.TRUE.equals(rows.get(0).get(1)) ? "validated" : "not valid");
    }

    /** pg_get_constraintdef of the constraint, or null. */
    public String constraintDefinition(String name) {
        return (String) db.queryOne("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '"
                + name + "'");
    }

    /** type|nullable or type|not null, or null when the column does not exist. */
    public String column(String table, String name) {
        List<List<Object>> rows = db.query("SELECT format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                + "WHERE attrelid = '" + table + "'::regclass AND attname = '" + name + "' AND NOT attisdropped");
        return rows.isEmpty() ? null
                : rows.get(0).get(0) + "|" + (Boolean.TRUE.equals(rows.get(0).get(1)) ? "not null" : "nullable");
    }

    /**
     * The schema and the data of every table outside PostgreSQL's own schemas, as sorted lines that compare
     * across databases: the tables of Liquibase and of the extension ({@code databasechangelog*}) are left out,
     * and so are the values of {@code ignoredColumns} ("table.column", for values that differ from run to run by
     * design, such as a volatile default). Columns are listed by name, not position.
     */
    public Fingerprint fingerprint(Set<String> ignoredColumns) {
        List<String> schema = new ArrayList<>();
        lines(schema, "relation", "SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA + " AND c.relkind <> 't' "
                + "AND c.relname NOT LIKE 'databasechangelog%'");
        lines(schema, "column", "SELECT c.oid::regclass || '.' || a.attname || ' ' "
                + "|| format_type(a.atttypid, a.atttypmod) "
                + "|| CASE WHEN a.attnotnull THEN ' not null' ELSE '' END "
                + "|| coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE " + USER_SCHEMA + " AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 "
                + "AND NOT a.attisdropped AND c.relname NOT LIKE 'databasechangelog%'");
        lines(schema, "index", "SELECT pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' "
                + "ELSE ' INVALID' END FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
                + " AND c.relname NOT LIKE 'databasechangelog%'");
        lines(schema, "constraint", "SELECT k.conrelid::regclass || ' ' || k.conname || ' ' "
                + "|| pg_get_constraintdef(k.oid) || CASE WHEN k.convalidated THEN '' ELSE ' NOT VALID' END "
                + "FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE " + USER_SCHEMA
                + " AND k.conrelid::regclass::text NOT LIKE 'databasechangelog%'");
        lines(schema, "trigger", "SELECT t.tgrelid::regclass || ' ' || pg_get_triggerdef(t.oid) || ' ' "
                + "|| t.tgenabled::text "
                + "FROM pg_trigger t WHERE NOT t.tgisinternal");
        lines(schema, "function", "SELECT p.oid::regprocedure || ' ' || md5(p.prosrc) FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMA);
        lines(schema, "sequence", "SELECT s.seqrelid::regclass || ' ' || format_type(s.seqtypid, NULL) "
                + "|| coalesce(' owned by ' || d.refobjid::regclass || '.' || a.attname, '') FROM pg_sequence s "
                + "LEFT JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass "
                + "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
                + "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid");
        schema.sort(null);
        Map<String, String> data = new TreeMap<>();
        for (List<Object> table : db.query("SELECT c.oid::regclass::text, c.oid FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
                + " AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'databasechangelog%'")) {
            String name = (String) table.get(0);
            List<String> columns = new ArrayList<>();
            for (List<Object> column : db.query("SELECT attname::text, quote_ident(attname) FROM pg_attribute "
                    + "WHERE attrelid = " + table.get(1) + " AND attnum > 0 AND NOT attisdropped ORDER BY attname")) {
                if (!ignoredColumns.contains(name + "." + column.get(0))) {
                    columns.add((String) column.get(1));
                }
            }
            String row = columns.isEmpty() ? "''" : "ROW(" + String.join(", ", columns) + ")::text";
            data.put(name, String.valueOf(db.queryOne("SELECT count(*) || ' rows, md5 ' "
                    + "|| coalesce(md5(string_agg(r, E'\\n' ORDER BY r)), '-') FROM (SELECT " + row + " AS r FROM "
                    + name + ") rows")));
        }
        return new Fingerprint(schema, data);
    }

    private static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            + "AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast%'";

    private void lines(List<String> into, String kind, String sql) {
        db.query(sql).forEach(row -> into.add(kind + " " + row.get(0)));
    }

    /** What {@link #fingerprint} found: schema lines, and per table its row count and a hash of its rows. */
    public record Fingerprint(List<String> schema, Map<String, String> data) {

        /** Schema and data as lines, so that an assertion failure shows the difference line by line. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>(schema);
            data.forEach((table, hash) -> lines.add("data " + table + ": " + hash));
            return lines;
        }
    }
}
