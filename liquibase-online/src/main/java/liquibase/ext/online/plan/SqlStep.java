package liquibase.ext.online.plan;

/**
 * A single SQL statement.
 *
 * @param table         the escaped table the lock is taken on, used to name blocking sessions; may be null
 * @param inTransaction true: runs in its own transaction with {@code SET LOCAL lock_timeout}; false: runs in
 *                      autocommit mode (required by e.g. {@code CREATE INDEX CONCURRENTLY})
 */
public record SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                      RetryPolicy retry) implements Step {
}
