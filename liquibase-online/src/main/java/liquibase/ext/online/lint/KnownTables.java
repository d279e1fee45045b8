package liquibase.ext.online.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import liquibase.ext.online.lint.sql.PostgresSql;

/**
 * What the changelog itself has done so far, in changelog order across includes: the tables it created (new and
 * empty, so changes on them lock nothing that matters) and the column types it declared (so a type change can be
 * told to need no rewrite). Names are compared without their schema, folded as PostgreSQL folds them.
 */
public final class KnownTables {

    private final Set<String> created = new HashSet<>();
    private final Map<String, String> columnTypes = new HashMap<>();

    public void created(String table) {
        if (table != null) {
            created.add(key(table));
        }
    }

    public boolean isNew(String table) {
        return table != null && created.contains(key(table));
    }

    public void renamed(String oldName, String newName) {
        if (isNew(oldName)) {
            created.remove(key(oldName));
            created(newName);
        }
    }

    public void column(String table, String column, String type) {
        if (table != null && column != null && type != null) {
            columnTypes.put(key(table) + "." + key(column), type);
        }
    }

    /** The type the changelog last gave the column, or null if it did not. */
    public String columnType(String table, String column) {
        if (table == null || column == null) {
            return null;
        }
        return columnTypes.get(key(table) + "." + key(column));
    }

    private static String key(String name) {
        return PostgresSql.unqualified(name).toLowerCase(Locale.ROOT);
    }
}
