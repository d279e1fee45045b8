package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;

/**
 * The session a walk's batches run in, keyed or by blocks: autocommit, so a batch is one statement and one
 * transaction, and three settings, given back as they were when the walk ends, also after a failure: Liquibase
 * goes on using this connection.
 * <p>
 * lock_timeout for every statement of the walk: a batch that waits for a row lock holds the locks of the rows it
 * already changed, and even the key reads wait behind a DDL lock held elsewhere.
 * <p>
 * statement_timeout bounded, but never below {@link #BATCH_STATEMENT_TIMEOUT}: a batch is short by design, so one
 * that runs for minutes is stuck and had better fail (the rerun resumes after the last batch); a role's default
 * meant for the application (1 s, 30 s) would fail healthy batches.
 * <p>
 * synchronous_commit off spares each batch a WAL flush. Safe: a batch lost in a crash is still NULL and done again
 * by the rerun (its position is lost with it, being written by the same statement), and Liquibase's own commit of
 * the DATABASECHANGELOG row, which is synchronous, flushes every batch before the changeset counts as done.
 */
final class WalkSession implements AutoCloseable {

    /** The least statement_timeout a batch runs under. */
    static final String BATCH_STATEMENT_TIMEOUT = "1min";

    private final Connection connection;
    private final SessionSettings saved;

    private WalkSession(Connection connection, SessionSettings saved) {
        this.connection = connection;
        this.saved = saved;
    }

    static WalkSession open(Connection connection, BackfillStep step) throws SQLException {
        connection.setAutoCommit(true);
        SessionSettings saved = SessionSettings.save(connection,
                List.of("lock_timeout", "statement_timeout", "synchronous_commit"));
        try {
            saved.set("lock_timeout", step.retry().lockTimeout().toMillis() + "ms");
            saved.set("statement_timeout", batchStatementTimeout(connection, saved.saved("statement_timeout")));
            saved.set("synchronous_commit", "off");
        } catch (SQLException e) {
            // the caller gets no session to close: what was set before the failure goes back here
            try {
                saved.restore();
            } catch (SQLException restoreFailed) {
                e.addSuppressed(restoreFailed);
            }
            throw e;
        }
        return new WalkSession(connection, saved);
    }

    /** The session's statement_timeout if it is at least the batch minimum, else that minimum. */
    private static String batchStatementTimeout(Connection connection, String session) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CASE WHEN ?::interval = interval '0' "
                + "OR ?::interval < ?::interval THEN ? ELSE ? END")) {
            ps.setString(1, session);
            ps.setString(2, session);
            ps.setString(3, BATCH_STATEMENT_TIMEOUT);
            ps.setString(4, BATCH_STATEMENT_TIMEOUT);
            ps.setString(5, session);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The pause between two batches; an interrupt ends the walk. */
    void pause(long millis) throws OnlineChangeException {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnlineChangeException(Messages.interruptedBetweenBatches(), e);
        }
    }

    /** Gives the settings back; a broken connection is left for Liquibase's next statement to report. */
    @Override
    public void close() {
        try {
            connection.setAutoCommit(true);
            saved.restore();
        } catch (SQLException ignored) {
            // reported by Liquibase's next statement on this connection
        }
    }
}
