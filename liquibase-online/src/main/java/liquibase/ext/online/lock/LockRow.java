package liquibase.ext.online.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

import liquibase.database.Database;
import liquibase.database.ObjectQuotingStrategy;

/**
 * Liquibase's DATABASECHANGELOGLOCK row, read and written the way Liquibase does (same table, same columns, same
 * LOCKED flag), so that a Liquibase without this extension sees our lock and we see its lock. Every write is
 * guarded by what was read, so a row that changed in between is never overwritten.
 */
final class LockRow {

    /** What the row said when it was read. */
    record State(boolean locked, LocalDateTime granted, String lockedBy) {

        String describe() {
            return "'" + lockedBy + "' since " + granted;
        }
    }

    private final Connection connection;
    private final String table;
    private final String id;
    private final String locked;
    private final String granted;
    private final String lockedBy;
    private final String now;

    private LockRow(Connection connection, Database database) {
        this.connection = connection;
        String catalog = database.getLiquibaseCatalogName();
        String schema = database.getLiquibaseSchemaName();
        String name = database.getDatabaseChangeLogLockTableName();
        // Liquibase's own lock statements name these system objects with LEGACY quoting; so must we, or we would
        // address another table than theirs when the changelog asks for other quoting.
        ObjectQuotingStrategy current = database.getObjectQuotingStrategy();
        database.setObjectQuotingStrategy(ObjectQuotingStrategy.LEGACY);
        try {
            this.table = database.escapeTableName(catalog, schema, name);
            this.id = database.escapeColumnName(catalog, schema, name, "ID");
            this.locked = database.escapeColumnName(catalog, schema, name, "LOCKED");
            this.granted = database.escapeColumnName(catalog, schema, name, "LOCKGRANTED");
            this.lockedBy = database.escapeColumnName(catalog, schema, name, "LOCKEDBY");
        } finally {
            database.setObjectQuotingStrategy(current);
        }
        this.now = database.getCurrentDateTimeFunction();
    }

    static LockRow of(Connection connection, Database database) {
        return new LockRow(connection, database);
    }

    /** The escaped name of the lock table, as Liquibase's statements write it. */
    String table() {
        return table;
    }

    /** Whether the table is there: drop-all drops it while it is locked. */
    boolean exists() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    Optional<State> read() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + locked + ", " + granted + ", " + lockedBy
                + " FROM " + table + " WHERE " + id + " = 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new State(rs.getBoolean(1), rs.getObject(2, LocalDateTime.class), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Sets the row LOCKED by {@code newLockedBy}, if it is still as {@code seen}: free, or locked by the same
     * text. False when someone else changed it first.
     */
    boolean take(String newLockedBy, State seen) throws SQLException {
        String stillAsSeen = seen.locked() ? locked + " = TRUE AND " + lockedBy + " = ?" : locked + " = FALSE";
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET " + locked + " = TRUE, "
                + granted + " = " + now + ", " + lockedBy + " = ? WHERE " + id + " = 1 AND " + stillAsSeen)) {
            ps.setString(1, newLockedBy);
            if (seen.locked()) {
                ps.setString(2, seen.lockedBy());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Frees the row if {@code ownLockedBy} holds it; a row someone else holds is left alone. */
    boolean free(String ownLockedBy) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + table + " SET " + locked + " = FALSE, "
                + granted + " = NULL, " + lockedBy + " = NULL WHERE " + id + " = 1 AND " + lockedBy + " = ?")) {
            ps.setString(1, ownLockedBy);
            return ps.executeUpdate() == 1;
        }
    }
}
