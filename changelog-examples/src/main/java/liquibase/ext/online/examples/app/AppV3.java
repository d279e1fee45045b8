package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The seed's version 3, the strict one, after the rename of {@code status} to {@code order_status}: it writes
 * and reads only the new name and treats an order without a status as an error. It ships once the rename's
 * expand step has run, before the contract step drops the old column.
 */
public final class AppV3 implements AppVersion {

    @Override
    public String name() {
        return "V3";
    }

    @Override
    public long insert(Connection connection, long userId, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO \"orders\" (\"user_id\", "
                + "\"total_amount\", \"total_cents\", \"order_status\") VALUES (?, ?, ?, 'new') RETURNING \"id\"")) {
            ps.setLong(1, userId);
            ps.setBigDecimal(2, totalAmount);
            ps.setLong(3, Cents.of(totalAmount));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public int update(Connection connection, long id, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE \"orders\" SET \"total_amount\" = ?, "
                + "\"total_cents\" = ?, \"order_status\" = 'paid' WHERE \"id\" = ?")) {
            ps.setBigDecimal(1, totalAmount);
            ps.setLong(2, Cents.of(totalAmount));
            ps.setLong(3, id);
            return ps.executeUpdate();
        }
    }

    @Override
    public Order find(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT \"id\", \"user_id\", \"total_amount\", "
                + "\"order_status\" FROM \"orders\" WHERE \"id\" = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (rs.getString(4) == null) {
                    throw new SQLException("order " + id + " has no order_status", "V3001");
                }
                return new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3));
            }
        }
    }
}
