package liquibase.ext.online.examples.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** Fills {@code orders} with N rows in one statement: seconds for millions of rows, where row-by-row takes minutes. */
public final class OrdersLoader {

    private OrdersLoader() {
    }

    public static void load(Connection connection, long rows) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO \"orders\" (\"user_id\", \"total_amount\", \"created_at\") "
                        + "SELECT 1 + (g * 7919) % 100000, 1 + (g % 99991) / 100.0, "
                        + "now() - g * interval '1 second' FROM generate_series(1, ?) AS g")) {
            insert.setLong(1, rows);
            insert.executeUpdate();
        }
        // VACUUM as well as ANALYZE: otherwise autovacuum reacts to the bulk insert later, in the middle of
        // whatever is measured next, and the first reader of every page pays for setting its hint bits.
        try (Statement st = connection.createStatement()) {
            st.execute("VACUUM ANALYZE \"orders\"");
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
