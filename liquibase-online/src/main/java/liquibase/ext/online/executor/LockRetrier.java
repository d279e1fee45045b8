package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.catalog.Catalog;

/**
 * Runs a unit of work that may have to wait for a lock. The work sets lock_timeout itself; when PostgreSQL
 * gives up on the lock (or picks this session as a deadlock victim) the transaction is rolled back, the retrier
 * sleeps with growing pauses and tries again. The application therefore never queues behind us for longer than
 * one lock_timeout.
 */
public final class LockRetrier {

    /** lock_not_available, deadlock_detected, serialization_failure. */
    private static final Set<String> RETRYABLE = Set.of("55P03", "40P01", "40001");

    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Connection connection;
    private final OnlineLog log;
    private final Sleeper sleeper;

    public LockRetrier(Connection connection, OnlineLog log) {
        this(connection, log, d -> Thread.sleep(d.toMillis()));
    }

    LockRetrier(Connection connection, OnlineLog log, Sleeper sleeper) {
        this.connection = connection;
        this.log = log;
        this.sleeper = sleeper;
    }

    /** Whether the error is a lock not got in time, or a deadlock or serialization failure: worth a retry. */
    static boolean isRetryable(SQLException e) {
        return RETRYABLE.contains(e.getSQLState());
    }

    public <T> T run(String changeLabel, String stepName, String tableSql, RetryPolicy policy, Work<T> work)
            throws OnlineChangeException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                rollbackQuietly();
                if (!RETRYABLE.contains(e.getSQLState())) {
                    throw new OnlineChangeException(Messages.stepFailed(changeLabel, stepName, e.getMessage()), e);
                }
                if (attempt >= policy.attempts()) {
                    String blockers = tableSql == null ? "" : new Catalog(connection).lockHolders(tableSql);
                    throw new OnlineChangeException(Messages.lockNotAcquired(changeLabel, stepName, attempt,
                            policy.lockTimeout().toMillis(), blockers), e);
                }
                Duration pause = policy.delayBefore(attempt + 1);
                log.info(changeLabel + ": '" + stepName + "' did not get its lock (" + e.getSQLState() + ", attempt "
                        + attempt + " of " + policy.attempts() + "); retrying in " + pause.toMillis() + "ms");
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new OnlineChangeException(Messages.interruptedBeforeRetry(changeLabel), interrupted);
                }
            }
        }
    }

    private void rollbackQuietly() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; the next statement reports it
        }
    }
}
