package liquibase.ext.online.plan;

/**
 * {@code doneWhen} queries: each answers "is this step's effect already in place?" so a rerun after an
 * interruption skips what was done. Names are handed to PostgreSQL as the escaped text the DDL uses and resolved
 * there ({@code to_regclass}, {@code parse_ident}), so they match exactly as the statement will.
 */
public final class CatalogGuards {

    private CatalogGuards() {
    }

    public static String columnExists(String table, String column) {
        return "SELECT EXISTS (" + column(table, column) + ")";
    }

    public static String columnHasDefault(String table, String column) {
        return "SELECT EXISTS (" + column(table, column) + " AND atthasdef)";
    }

    public static String columnNotNull(String table, String column) {
        return "SELECT EXISTS (" + column(table, column) + " AND attnotnull)";
    }

    public static String constraintExists(String table, String constraint) {
        return "SELECT EXISTS (" + constraint(table, constraint) + ")";
    }

    public static String constraintAbsent(String table, String constraint) {
        return "SELECT NOT EXISTS (" + constraint(table, constraint) + ")";
    }

    public static String constraintValidated(String table, String constraint) {
        return "SELECT EXISTS (" + constraint(table, constraint) + " AND convalidated)";
    }

    /** NOT NULL already set, or the helper check already there (and, if asked, validated). */
    public static String notNullOr(String table, String column, String constraint, boolean validated) {
        return "SELECT EXISTS (" + column(table, column) + " AND attnotnull) OR EXISTS ("
                + constraint(table, constraint) + (validated ? " AND convalidated" : "") + ")";
    }

    public static String validIndexExists(String table, String index) {
        return "SELECT EXISTS (" + index(table, index) + " AND i.indisvalid)";
    }

    /** True unless an INVALID index of that name, left by an interrupted CREATE INDEX CONCURRENTLY, exists. */
    public static String noInvalidIndex(String table, String index) {
        return "SELECT NOT EXISTS (" + index(table, index) + " AND NOT i.indisvalid)";
    }

    /**
     * NOT NULL holds for every row: {@code attnotnull}, and (PostgreSQL 18+) no not-null constraint on the column
     * still NOT VALID, since there {@code attnotnull} is set as soon as one is added NOT VALID.
     */
    public static String notNullValidated(String table, String column) {
        return "SELECT EXISTS (" + column(table, column) + " AND attnotnull) AND NOT EXISTS (SELECT 1 FROM "
                + "pg_catalog.pg_constraint k JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid "
                + "AND a.attnum = k.conkey[1] WHERE k.conrelid = to_regclass(" + literal(table) + ") AND k.contype = 'n' "
                + "AND NOT k.convalidated AND a.attname = (parse_ident(" + literal(column) + "))[1])";
    }

    /** The column's NOT NULL constraint (PostgreSQL 18+) has that name. */
    public static String notNullNamed(String table, String column, String constraint) {
        return "SELECT EXISTS (" + constraint(table, constraint) + " AND contype = 'n' AND conkey = ARRAY[("
                + column(table, column) + ")])";
    }

    /** The column's attnum, if it exists: a row for EXISTS, a value for a comparison. */
    public static String column(String table, String column) {
        return "SELECT attnum FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass(" + literal(table) + ")"
                + " AND attname = (parse_ident(" + literal(column) + "))[1] AND attnum > 0 AND NOT attisdropped";
    }

    private static String constraint(String table, String constraint) {
        return "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = to_regclass(" + literal(table) + ")"
                + " AND conname = (parse_ident(" + literal(constraint) + "))[1]";
    }

    private static String index(String table, String index) {
        return "SELECT 1 FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = to_regclass(" + literal(table) + ")"
                + " AND c.relname = (parse_ident(" + literal(index) + "))[1]";
    }

    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
