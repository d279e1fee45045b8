package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The seed's version 2, the tolerant one: it writes {@code status} and {@code total_cents} but reads an order
 * whose status is still missing as 'pending'. It ships before the migration that makes status required.
 */
public final class AppV2 implements AppVersion {

    @Override
    public String name() {
        return "V2";
    }

    @Override
    public long insert(Connection connection, long userId, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO \"orders\" "
                + "(\"user_id\", \"total_amount\", \"total_cents\", \"status\") VALUES (?, ?, ?, 'new') RETURNING \"id\"")) {
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
                + "\"total_cents\" = ?, \"status\" = 'paid' WHERE \"id\" = ?")) {
            ps.setBigDecimal(1, totalAmount);
            ps.setLong(2, Cents.of(totalAmount));
            ps.setLong(3, id);
            return ps.executeUpdate();
        }
    }

    @Override
    public Order find(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT \"id\", \"user_id\", \"total_amount\", "
                + "coalesce(\"status\", 'pending') FROM \"orders\" WHERE \"id\" = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)) : null;
            }
        }
    }
}
