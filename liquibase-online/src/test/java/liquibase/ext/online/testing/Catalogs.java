package liquibase.ext.online.testing;

import java.util.List;

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
}
