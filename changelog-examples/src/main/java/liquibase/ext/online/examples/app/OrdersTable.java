package liquibase.ext.online.examples.app;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The seed's {@code orders} table, as application version 1 created it. */
public final class OrdersTable {

    public static final String NAME = "orders";

    private OrdersTable() {
    }

    public static void create(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE \"orders\" ("
                    + "\"id\" bigserial PRIMARY KEY, "
                    + "\"user_id\" bigint NOT NULL, "
                    + "\"total_amount\" numeric(12,2) NOT NULL, "
                    + "\"created_at\" timestamptz DEFAULT now())");
        }
    }

    public static long count(Connection connection) throws SQLException {
        return countWhere(connection, "TRUE");
    }

    /** Rows matching an SQL condition the caller wrote. */
    public static long countWhere(Connection connection, String condition) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM \"orders\" WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static long maxId(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(\"id\"), 0) FROM \"orders\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
