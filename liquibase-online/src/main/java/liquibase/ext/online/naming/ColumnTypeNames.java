package liquibase.ext.online.naming;

/** Names the type change derives from a column or index name, within PostgreSQL's 63 bytes. */
public final class ColumnTypeNames {

    private ColumnTypeNames() {
    }

    public static String shadow(String column) {
        return Identifiers.withSuffix(column, "_new");
    }

    public static String old(String column) {
        return Identifiers.withSuffix(column, "_old");
    }

    /** Name of the sync trigger and of its function. */
    public static String sync(String table, String column) {
        return Identifiers.withSuffix(table + "_" + column, "_type_sync");
    }

    public static String notNullCheck(String table, String column) {
        return Identifiers.withSuffix(table + "_" + column, "_new_nn_check");
    }

    public static String shadowIndex(String index) {
        return Identifiers.withSuffix(index, "_new");
    }
}
