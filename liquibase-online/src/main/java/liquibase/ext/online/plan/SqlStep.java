package liquibase.ext.online.plan;

/**
 * A single SQL statement.
 *
 * @param table         the escaped table the lock is taken on, used to name blocking sessions; may be null
 * @param inTransaction true: runs in its own transaction with {@code SET LOCAL lock_timeout}; false: runs in
 *                      autocommit mode (required by e.g. {@code CREATE INDEX CONCURRENTLY})
 * @param doneWhen      a query returning one boolean that is true when the step's effect is already in place
 *                      (a rerun after an interruption); the step is then skipped. Null: always run (the SQL itself
 *                      is idempotent, e.g. {@code IF NOT EXISTS})
 */
public record SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                      RetryPolicy retry, String doneWhen) implements Step {

    public SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                   RetryPolicy retry) {
        this(description, sql, lock, table, inTransaction, retry, null);
    }
}
