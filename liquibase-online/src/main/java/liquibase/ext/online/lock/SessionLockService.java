package liquibase.ext.online.lock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.database.Database;
import liquibase.database.core.CockroachDatabase;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LockException;
import liquibase.executor.ExecutorService;
import liquibase.ext.online.config.OnlineConfiguration;
import liquibase.ext.online.executor.OnlineLog;
import liquibase.lockservice.StandardLockService;
import liquibase.util.NetUtil;

/**
 * Liquibase's changelog lock for PostgreSQL, held twice: as the usual DATABASECHANGELOGLOCK row, which every
 * Liquibase respects, and as a session-level advisory lock, which PostgreSQL frees when the session ends. The row
 * we write names our session; a row naming a session whose advisory lock we could take belongs to a run that has
 * ended, and is taken over. A row that names no session comes from a Liquibase without this extension: it is
 * respected, never taken over, as that Liquibase would respect ours.
 * <p>
 * Off with {@code liquibase.online.sessionLock=false}; then, as for offline URLs and other databases, Liquibase's
 * standard service is used. In update-sql the standard statements are printed unchanged: a script run later by
 * someone else must not claim to be our session.
 */
public class SessionLockService extends StandardLockService {

    /** The holder last told to the user, so that a long wait does not repeat it at every poll. */
    private String lastReported;
    private SessionLock sessionLock;
    /** The client_connection_check_interval to put back on release; null when we did not change it. */
    private String checkIntervalToRestore;

    /** LockServiceFactory creates the instances through this constructor. */
    public SessionLockService() {
        super();
    }

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE + 10;
    }

    @Override
    public boolean supports(Database database) {
        // CockroachDB speaks the PostgreSQL protocol, but its advisory locks lock nothing.
        return database instanceof PostgresDatabase && !(database instanceof CockroachDatabase)
                && database.getConnection() instanceof JdbcConnection
                && Boolean.TRUE.equals(OnlineConfiguration.SESSION_LOCK.getCurrentValue());
    }

    @Override
    public void waitForLock() throws LockException {
        lastReported = null;
        super.waitForLock();
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (hasChangeLogLock) {
            return true;
        }
        if (!updatesDatabase()) {
            return super.acquireLock();
        }
        quotingStrategy = database.getObjectQuotingStrategy();
        try {
            database.rollback();
            init();
            return lockRowUnderSessionLock(jdbc());
        } catch (DatabaseException | SQLException e) {
            throw new LockException(e);
        } finally {
            rollbackQuietly();
        }
    }

    private boolean lockRowUnderSessionLock(Connection connection) throws SQLException, DatabaseException {
        LockRow row = LockRow.of(connection, database);
        SessionLock session = SessionLock.forTable(connection, row.table());
        if (!session.tryLock()) {
            Optional<LockRow.State> state = row.read().filter(LockRow.State::locked);
            reportWait("another liquibase-online update holds it: "
                    + session.otherHolder().map(LockHolder::describe).orElse("a session that has just ended")
                    + state.map(s -> ", LOCKEDBY " + s.describe()).orElse(""));
            return false;
        }
        boolean taken = false;
        try {
            taken = takeRow(connection, row, session.ownMarker());
        } finally {
            if (!taken) {
                session.unlock();
            }
        }
        if (taken) {
            sessionLock = session;
        }
        return taken;
    }

    /** With the advisory lock held: takes the row if it is free or left by one of our sessions that has ended. */
    private boolean takeRow(Connection connection, LockRow row, SessionMarker self)
            throws SQLException, DatabaseException {
        LockRow.State seen = row.read().orElseThrow(() -> new SQLException(
                "the changelog lock table " + row.table() + " has no row with ID 1"));
        Optional<SessionMarker> writer = SessionMarker.in(seen.lockedBy());
        if (seen.locked() && writer.isEmpty()) {
            reportWait("a Liquibase without liquibase-online's session lock holds it: " + seen.describe()
                    + ". If that process is gone, 'liquibase release-locks' frees it.");
            return false;
        }
        if (!row.take(self.lockedBy(host()), seen)) {
            return false;
        }
        database.commit();
        writer.filter(w -> seen.locked() && !w.equals(self)).ifPresent(w -> OnlineLog.fromCurrentScope().info(
                "Took over the changelog lock left by backend pid " + w.pid() + " (" + seen.describe()
                        + "): that session has ended, so its update is no longer running."));
        hasChangeLogLock = true;
        // As the standard service does: the changesets run so far are read again, now that no one else can run any.
        Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
        database.setCanCacheLiquibaseTableInfo(true);
        checkIntervalToRestore = ConnectionCheck.enable(connection).orElse(null);
        Scope.getCurrentScope().getLog(getClass()).info("Acquired the changelog lock with a session lock");
        return true;
    }

    @Override
    public void releaseLock() throws LockException {
        if (!updatesDatabase()) {
            super.releaseLock();
            return;
        }
        try {
            database.rollback();
            releaseOwn(jdbc());
        } catch (DatabaseException | SQLException e) {
            throw new LockException(e);
        } finally {
            hasChangeLogLock = false;
            sessionLock = null;
            database.setCanCacheLiquibaseTableInfo(false);
            rollbackQuietly();
        }
    }

    /**
     * Frees what this session holds, judged by the database rather than by this instance: Liquibase may release
     * through a fresh instance, or release what it never took. A row someone else holds is left alone.
     */
    private void releaseOwn(Connection connection) throws SQLException, DatabaseException {
        LockRow row = LockRow.of(connection, database);
        SessionLock session = sessionLock != null ? sessionLock : SessionLock.forTable(connection, row.table());
        SQLException failure = null;
        try {
            if (row.exists() && row.free(session.ownMarker().lockedBy(host()))) {
                Scope.getCurrentScope().getLog(getClass()).info("Released the changelog lock");
            }
            database.commit();
        } catch (SQLException e) {
            failure = e;
            rollbackQuietly();
        }
        // Also after a failed row update: a session lock kept here would block every later update until this
        // connection closes, and in an application's pool that may be never.
        try {
            session.unlock();
            if (checkIntervalToRestore != null) {
                ConnectionCheck.restore(connection, checkIntervalToRestore);
                checkIntervalToRestore = null;
            }
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * release-locks: clears the row whoever holds it, as the standard service does. It cannot end another
     * session's advisory lock, so an update that is in fact running stays protected from our other updates; the
     * user is told.
     */
    @Override
    public void forceReleaseLock() throws LockException, DatabaseException {
        if (!updatesDatabase()) {
            super.forceReleaseLock();
            return;
        }
        init();
        super.releaseLock();
        try {
            Connection connection = jdbc();
            SessionLock.forTable(connection, LockRow.of(connection, database).table()).otherHolder()
                    .ifPresent(holder -> OnlineLog.fromCurrentScope().warn("The changelog lock row is cleared, but "
                            + holder.describe() + " still holds liquibase-online's session lock: its update is "
                            + "still running, and other liquibase-online updates wait for it."));
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } finally {
            rollbackQuietly();
        }
    }

    private void reportWait(String holder) {
        String message = "Waiting for the changelog lock: " + holder;
        if (message.equals(lastReported)) {
            Scope.getCurrentScope().getLog(getClass()).fine(message);
        } else {
            OnlineLog.fromCurrentScope().info(message);
            lastReported = message;
        }
    }

    private boolean updatesDatabase() {
        return Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database)
                .updatesDatabase();
    }

    private Connection jdbc() {
        return ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    }

    private void rollbackQuietly() {
        try {
            database.rollback();
        } catch (DatabaseException ignored) {
            // the connection is gone; the caller's own error says so
        }
    }

    /** Liquibase's own LOCKEDBY text for this machine, so that users read the same host in both kinds of row. */
    private static String host() {
        String description = System.getProperty("liquibase.hostDescription");
        return NetUtil.getLocalHostName() + (description == null ? "" : "#" + description)
                + " (" + NetUtil.getLocalHostAddress() + ")";
    }
}
