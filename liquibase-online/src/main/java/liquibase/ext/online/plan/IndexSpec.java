package liquibase.ext.online.plan;

import java.util.List;

/**
 * An index a change builds, with every name escaped.
 *
 * @param schemaPrefix the escaped schema and a dot, to name the index in DROP INDEX; empty for the default schema
 * @param name         escaped index name
 * @param keys         the indexed columns (escaped) or expressions, as the index definition lists them
 * @param plainColumns the escaped columns among the keys, which must exist when the change starts
 * @param keyParts     the keys as written in the definition, with {@code DESC} where asked
 * @param where        the predicate of a partial index, or null
 * @param tablespace   escaped tablespace, or null
 */
public record IndexSpec(String changeLabel, TableRef table, String schemaPrefix, String name, boolean unique,
                        List<String> keys, List<String> plainColumns, List<String> keyParts, String where,
                        String tablespace, RetryPolicy retry) {

    public IndexSpec {
        keys = List.copyOf(keys);
        plainColumns = List.copyOf(plainColumns);
        keyParts = List.copyOf(keyParts);
    }

    /** {@code CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS ...}. */
    public String createSql() {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON "
                + table.sql() + " (" + String.join(", ", keyParts) + ")"
                + (tablespace == null ? "" : " TABLESPACE " + tablespace)
                + (where == null ? "" : " WHERE " + where);
    }
}
