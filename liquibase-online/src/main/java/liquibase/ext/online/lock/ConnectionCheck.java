package liquibase.ext.online.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code client_connection_check_interval} (PostgreSQL 14+) on Liquibase's session while it holds the lock. A
 * backend whose client was killed notices only when it next talks to the client; during a long statement (an
 * index build, a big batch) that is when the statement ends, and until then the advisory lock stays taken. With
 * the check, the backend notices within about a second and ends, which frees the lock.
 * <p>
 * The value is set with a committed {@code set_config}, because Liquibase rolls back around its lock work and a
 * rolled-back SET is undone. On release the previous value is put back, not the server default: the session may
 * belong to an application's pool with its own settings.
 */
final class ConnectionCheck {

    static final String INTERVAL = "1s";

    private ConnectionCheck() {
    }

    /**
     * Turns the check on if the server has it and it is off; returns the value to restore, empty if nothing was
     * changed. Platforms without the check refuse any value but 0: then nothing changes either.
     */
    static Optional<String> enable(Connection connection) {
        try {
            String previous = setting(connection);
            if (previous == null || !"0".equals(previous)) {
                return Optional.empty();
            }
            set(connection, INTERVAL);
            return Optional.of(previous);
        } catch (SQLException e) {
            rollbackQuietly(connection);
            return Optional.empty();
        }
    }

    static void restore(Connection connection, String previous) throws SQLException {
        set(connection, previous);
    }

    private static String setting(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('client_connection_check_interval', true)");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void set(Connection connection, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT set_config('client_connection_check_interval', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is unusable; Liquibase reports that on its next statement
        }
    }
}
