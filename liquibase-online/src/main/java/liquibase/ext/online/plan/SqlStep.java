package liquibase.ext.online.plan;

/**
 * A single SQL statement.
 * <p>
 * Most steps are done when their statement succeeds. A few are not: {@code CREATE INDEX CONCURRENTLY IF NOT
 * EXISTS} succeeds, doing nothing, when an INVALID index of the name is in the way, and one that fails half-way
 * (a deadlock) leaves such an index behind. For those, {@code verify} says what must hold after the statement,
 * and {@code repair} what to run before trying again.
 *
 * @param table         the escaped table the lock is taken on, used to name blocking sessions; may be null
 * @param inTransaction true: runs in its own transaction with {@code SET LOCAL lock_timeout}; false: runs in
 *                      autocommit mode (required by e.g. {@code CREATE INDEX CONCURRENTLY})
 * @param doneWhen      a query returning one boolean that is true when the step's effect is already in place
 *                      (a rerun after an interruption); the step is then skipped. Null: always run (the SQL itself
 *                      is idempotent, e.g. {@code IF NOT EXISTS})
 * @param verify        a query returning one boolean that must be true once the statement succeeded, else the
 *                      step failed (e.g. the index it built is INVALID); null: success is enough
 * @param repair        a step run before every retry of this one (its own doneWhen decides whether it is needed),
 *                      so a retry starts from a clean state; null: none
 */
public record SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                      RetryPolicy retry, String doneWhen, String verify, SqlStep repair) implements Step {

    public SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                   RetryPolicy retry, String doneWhen) {
        this(description, sql, lock, table, inTransaction, retry, doneWhen, null, null);
    }

    public SqlStep(String description, String sql, LockLevel lock, String table, boolean inTransaction,
                   RetryPolicy retry) {
        this(description, sql, lock, table, inTransaction, retry, null);
    }
}
