package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The versions after V1, which write the order's status and {@code total_cents}. They differ in the name they use
 * for the status column and in how they read a missing status:
 * <ul>
 *   <li>V2, the tolerant one, writes {@code status} and reads a missing one as 'pending'; it ships before the
 *       migration that makes status required;</li>
 *   <li>V3, the strict one, uses only the new name {@code order_status} and treats a missing status as an error;
 *       it ships once the rename's expand step has run, before its contract step drops the old column.</li>
 * </ul>
 */
public final class StatusWritingApp implements AppVersion {

    private final String name;
    private final String statusColumn;
    private final boolean strict;

    private StatusWritingApp(String name, String statusColumn, boolean strict) {
        this.name = name;
        this.statusColumn = statusColumn;
        this.strict = strict;
    }

    public static StatusWritingApp v2() {
        return new StatusWritingApp("V2", "\"status\"", false);
    }

    public static StatusWritingApp v3() {
        return new StatusWritingApp("V3", "\"order_status\"", true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long insert(Connection connection, long userId, BigDecimal totalAmount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO \"orders\" (\"user_id\", "
                + "\"total_amount\", \"total_cents\", " + statusColumn + ") VALUES (?, ?, ?, 'new') RETURNING \"id\"")) {
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
                + "\"total_cents\" = ?, " + statusColumn + " = 'paid' WHERE \"id\" = ?")) {
            ps.setBigDecimal(1, totalAmount);
            ps.setLong(2, Cents.of(totalAmount));
            ps.setLong(3, id);
            return ps.executeUpdate();
        }
    }

    @Override
    public Order find(Connection connection, long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT \"id\", \"user_id\", \"total_amount\", "
                + statusColumn + " FROM \"orders\" WHERE \"id\" = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (strict && rs.getString(4) == null) {
                    throw new SQLException("order " + id + " has no " + statusColumn, "V3001");
                }
                return new Order(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3));
            }
        }
    }
}
