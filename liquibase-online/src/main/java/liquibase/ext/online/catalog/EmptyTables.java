package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether a table has no rows when a change starts. addColumnOnline asks it for a column with a {@code value*}: on
 * an empty table there are no rows to set, so the column is planned as if it had no value. Reads only.
 */
public final class EmptyTables {

    private EmptyTables() {
    }

    /**
     * One cheap query each: whether the table exists, and whether it has a row. False when the table does not
     * exist: the preflight reports that.
     *
     * @param tableSql the table as written in SQL (escaped, maybe schema-qualified)
     */
    public static boolean isEmpty(Connection connection, String tableSql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + tableSql + ")");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
