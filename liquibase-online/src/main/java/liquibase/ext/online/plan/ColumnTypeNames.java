package liquibase.ext.online.plan;

/** Names the type change derives from a column or index name, within PostgreSQL's 63 bytes. */
public final class ColumnTypeNames {

    private ColumnTypeNames() {
    }

    /** {@code base + suffix}, the base shortened with a hash (never the suffix) so the whole fits in 63 bytes. */
    public static String fit(String base, String suffix) {
        return Identifiers.withSuffix(base, suffix);
    }

    public static String shadow(String column) {
        return fit(column, "_new");
    }

    public static String old(String column) {
        return fit(column, "_old");
    }

    /** Name of the sync trigger and of its function. */
    public static String sync(String table, String column) {
        return fit(table + "_" + column, "_type_sync");
    }

    public static String notNullCheck(String table, String column) {
        return fit(table + "_" + column, "_new_nn_check");
    }

    public static String shadowIndex(String index) {
        return fit(index, "_new");
    }
}
