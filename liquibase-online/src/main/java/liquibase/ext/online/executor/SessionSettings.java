package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the session Liquibase shares with us, saved before a step changes them and given back after, even
 * after a failure. Given back as they were: a changelog may have SET them earlier, and RESET would replace that
 * with the role's default.
 */
final class SessionSettings {

    /**
     * The statement_timeout of statements that do not block the application and are long by nature (an index
     * built CONCURRENTLY, a VALIDATE, a verify scan): none. A database or role default meant for the application
     * (30 s is common) would cancel them half-way, and a cancelled CREATE INDEX CONCURRENTLY leaves an INVALID
     * index.
     */
    static final String UNLIMITED = "0";

    private final Connection connection;
    private final Map<String, String> saved;

    private SessionSettings(Connection connection, Map<String, String> saved) {
        this.connection = connection;
        this.saved = saved;
    }

    /** Reads the current values of the named settings. */
    static SessionSettings save(Connection connection, List<String> names) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT current_setting(?)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return new SessionSettings(connection, values);
    }

    String saved(String name) {
        return saved.get(name);
    }

    /** Sets a value for the session (not the transaction), to hold until {@link #restore()}. */
    void set(String name, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config(?, ?, false)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    /** Gives the saved values back. Call it with autocommit on, or the next rollback undoes it. */
    void restore() throws SQLException {
        for (Map.Entry<String, String> setting : saved.entrySet()) {
            set(setting.getKey(), setting.getValue());
        }
    }
}
