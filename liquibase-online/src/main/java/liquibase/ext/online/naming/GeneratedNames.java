package liquibase.ext.online.naming;

import java.util.Locale;

import liquibase.ext.online.naming.Identifiers;

/**
 * Names of the objects a rename creates. PostgreSQL silently cuts names after 63 bytes, so two long names could
 * collide, or a later lookup could miss; a name that is too long is therefore cut and ends in a hash of the whole.
 * Trigger and function names are plain lower-case words, so they never need quoting; copies keep the style of
 * the name they copy.
 */
public final class GeneratedNames {

    private GeneratedNames() {
    }

    public static String trigger(String oldColumn, String newColumn) {
        return Identifiers.fit(plain("online_sync_" + oldColumn + "_" + newColumn));
    }

    public static String function(String table, String oldColumn, String newColumn) {
        return Identifiers.fit(plain("online_sync_" + table + "_" + oldColumn + "_" + newColumn));
    }

    /** The name of an index or constraint copied from the old column to the new one. */
    public static String copy(String original, String oldColumn, String newColumn) {
        String name = original.contains(oldColumn) ? original.replace(oldColumn, newColumn)
                : original + "_" + newColumn;
        return Identifiers.fit(name);
    }

    /** The name PostgreSQL 18+ gives a column's own NOT NULL constraint, {@code <table>_<column>_not_null}. */
    public static String notNull(String table, String column) {
        return Identifiers.withSuffix(table + "_" + column, "_not_null");
    }

    public static String notNullCheck(String table, String newColumn) {
        return Identifiers.notNullCheck(table, newColumn);
    }

    private static String plain(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    }
}
