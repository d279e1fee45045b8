package liquibase.ext.online.plan;

/**
 * A table as the changelog names it, plus its escaped SQL form; the executor resolves it in the catalog.
 */
public record TableRef(String schemaName, String tableName, String sql) {
}
