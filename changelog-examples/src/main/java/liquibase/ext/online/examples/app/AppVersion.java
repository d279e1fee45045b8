package liquibase.ext.online.examples.app;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The SQL one version of the application sends. Versions differ in the columns they read and write (the seed's
 * V1 knows no status, V2 tolerates it, V3 requires it), so the workload can switch versions in the middle of a
 * migration, as a rolling deployment does. Every method runs inside the caller's transaction.
 */
public interface AppVersion {

    String name();

    /** Inserts a new order and returns its id. */
    long insert(Connection connection, long userId, BigDecimal totalAmount) throws SQLException;

    /** Changes an existing order; returns how many rows changed. */
    int update(Connection connection, long id, BigDecimal totalAmount) throws SQLException;

    /** The order with this id, or null. */
    Order find(Connection connection, long id) throws SQLException;
}
