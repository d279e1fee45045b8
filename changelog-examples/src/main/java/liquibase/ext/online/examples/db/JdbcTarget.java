package liquibase.ext.online.examples.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where one database is and how to log in to it. */
public record JdbcTarget(String url, String username, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** The same server, another database on it. */
    public JdbcTarget withDatabase(String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        int slash = url.indexOf('/', prefix.length());
        int query = url.indexOf('?', Math.max(slash, 0));
        String hostPart = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String rest = query < 0 ? "" : url.substring(query);
        return new JdbcTarget(hostPart + "/" + database + rest, username, password);
    }
}
