package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Version 1: reads and writes only the columns the table was created with, and names them all. */
public final class AppV1 implements AppVersion {

    @Override
    public String name() {
        return "V1";
    }

    @Override
    public long insert(Connection connection, long userId, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO \"orders\" (\"user_id\", \"total_amount\") VALUES (?, ?) RETURNING \"id\"")) {
            ps.setLong(1, userId);
            ps.setBigDecimal(2, totalAmount);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public int update(Connection connection, long id, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE \"orders\" SET \"total_amount\" = ? WHERE \"id\" = ?")) {
            ps.setBigDecimal(1, totalAmount);
            ps.setLong(2, id);
            return ps.executeUpdate();
        }
    }

    @Override
    public Order find(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT \"id\", \"user_id\", \"total_amount\" FROM \"orders\" WHERE \"id\" = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)) : null;
            }
        }
    }
}
