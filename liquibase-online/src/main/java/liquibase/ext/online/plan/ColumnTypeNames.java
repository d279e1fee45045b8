package liquibase.ext.online.plan;

import java.nio.charset.StandardCharsets;

/** Names the type change derives from a column or index name, within PostgreSQL's 63 bytes. */
public final class ColumnTypeNames {

    private static final int MAX_IDENTIFIER_BYTES = 63;

    private ColumnTypeNames() {
    }

    /** {@code base + suffix}, the base shortened (never the suffix) so the whole fits in 63 bytes. */
    public static String fit(String base, String suffix) {
        String head = base;
        while (head.getBytes(StandardCharsets.UTF_8).length + suffix.getBytes(StandardCharsets.UTF_8).length
                > MAX_IDENTIFIER_BYTES) {
            head = head.substring(0, head.length() - 1);
        }
        return head + suffix;
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
