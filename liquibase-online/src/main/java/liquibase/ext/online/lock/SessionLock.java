package liquibase.ext.online.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A session-level advisory lock for one changelog lock table, on Liquibase's own connection. PostgreSQL frees it
 * when the session ends, however it ends (kill -9, eviction, lost network), which is what the table row alone
 * cannot do. It survives the rollbacks Liquibase issues around its lock work, unlike a transaction-level lock.
 * <p>
 * Key: a fixed first half that keeps clear of other users of advisory locks, and the hash of the lock table's
 * schema-qualified name, so that every process addressing the same table, whatever its search_path, uses the same
 * key. Advisory locks are per database, so the same table name in two databases does not collide.
 */
final class SessionLock {

    /** "LBON" (LiquiBase ONline) in ASCII. */
    static final int NAMESPACE = 0x4C42_4F4E;

    private static final String KEY = """
            SELECT hashtext(coalesce(
                     (SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.oid = to_regclass(?)),
                     ?))""";

    private static final String HOLDERS = """
            SELECT a.pid, host(a.client_addr), a.application_name, a.backend_start
              FROM pg_locks l
              JOIN pg_stat_activity a ON a.pid = l.pid
             WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
               AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND l.classid = ?::int4::oid AND l.objid = ?::int4::oid""";

    private final Connection connection;
    private final int key;

    private SessionLock(Connection connection, int key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock of the table Liquibase names {@code escapedTable}. */
    static SessionLock forTable(Connection connection, String escapedTable) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(KEY)) {
            ps.setString(1, escapedTable);
            ps.setString(2, escapedTable);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SessionLock(connection, rs.getInt(1));
            }
        }
    }

    /** Never waits: Liquibase's waitForLock does the waiting, with the user's poll rate and wait time. */
    boolean tryLock() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Frees the lock if this session holds it, as often as it was taken, so that a lock taken twice on one
     * connection (two service instances) does not outlive the release. Asks first, because unlocking a lock that
     * is not held makes PostgreSQL log a warning.
     */
    void unlock() throws SQLException {
        while (heldHere()) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return;
                    }
                }
            }
        }
    }

    /** Another session that holds the lock, if any. */
    Optional<LockHolder> otherHolder() throws SQLException {
        return holder(" AND l.pid <> pg_backend_pid()");
    }

    private boolean heldHere() throws SQLException {
        return holder(" AND l.pid = pg_backend_pid()").isPresent();
    }

    private Optional<LockHolder> holder(String whichSession) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(HOLDERS + whichSession)) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new LockHolder(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class))) : Optional.empty();
            }
        }
    }

    /** This session, as it marks the rows it locks. */
    SessionMarker ownMarker() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("pg_stat_activity does not show this session");
            }
            return new SessionMarker(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant());
        }
    }
}
