package liquibase.ext.online.plan;

import java.util.List;

/**
 * The steps that build or drop an index without blocking writes. Shared by every change that needs an index, so
 * the rule about INVALID leftovers lives in one place.
 */
public final class IndexSteps {

    private IndexSteps() {
    }

    /**
     * Drops an INVALID index of that name first: an interrupted {@code CREATE INDEX CONCURRENTLY} leaves one
     * behind, and it would block the rebuild (or, with {@code IF NOT EXISTS}, silently take its place).
     *
     * @param table        escaped table the index is on
     * @param schemaPrefix escaped schema and a dot, or empty for the default schema
     * @param name         escaped index name
     * @param createSql    the {@code CREATE [UNIQUE] INDEX CONCURRENTLY ...} statement
     */
    public static List<SqlStep> buildConcurrently(String description, String table, String schemaPrefix, String name,
                                                  String createSql, RetryPolicy retry) {
        SqlStep dropInvalid = concurrently("drop index " + name + " if an interrupted earlier run left it INVALID",
                "DROP INDEX CONCURRENTLY IF EXISTS " + schemaPrefix + name, table, retry,
                CatalogGuards.noInvalidIndex(table, name));
        String valid = CatalogGuards.validIndexExists(table, name);
        // A build retried after a deadlock first drops the INVALID index the failed attempt left; the check after
        // it catches an index that is there but INVALID however that came about.
        SqlStep build = new SqlStep(description, createSql, LockLevel.SHARE_UPDATE_EXCLUSIVE, table, false, retry,
                valid, valid, dropInvalid);
        return List.of(dropInvalid, build);
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS}: idempotent, and never blocks reads or writes of the table. */
    public static SqlStep dropConcurrently(String description, String table, String qualifiedName, RetryPolicy retry) {
        return concurrently(description, "DROP INDEX CONCURRENTLY IF EXISTS " + qualifiedName, table, retry, null);
    }

    /** CONCURRENTLY cannot run inside a transaction block; it takes SHARE UPDATE EXCLUSIVE only. */
    static SqlStep concurrently(String description, String sql, String table, RetryPolicy retry, String doneWhen) {
        return new SqlStep(description, sql, LockLevel.SHARE_UPDATE_EXCLUSIVE, table, false, retry, doneWhen);
    }
}
