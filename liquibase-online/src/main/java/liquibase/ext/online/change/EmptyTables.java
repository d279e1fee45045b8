package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import liquibase.ext.online.plan.AddColumnPlanner;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;

/**
 * A {@code value*} sets the rows that exist when the change starts; on an empty table there are none, so the
 * column is planned as if it had no value: one {@code ADD COLUMN}, with NOT NULL if asked, instead of a walk and a
 * validated check. The common case is a table created by an earlier changeset of the same update. A row inserted
 * between this check and the {@code ADD COLUMN} gets the default or NULL, as a row inserted just after core
 * addColumn's UPDATE would; NOT NULL stays safe, since the preflight and {@code ADD COLUMN ... NOT NULL} itself
 * refuse a table with rows.
 */
final class EmptyTables {

    private EmptyTables() {
    }

    /** Reads only: whether the table exists and has a row, one cheap query each, and only when a value is given. */
    static AddColumnSpec withoutValuesIfEmpty(AddColumnSpec spec, Connection connection) throws SQLException {
        if (spec.columns().stream().noneMatch(AddColumnPlanner::fillsExistingRows) || !isEmpty(spec, connection)) {
            return spec;
        }
        return new AddColumnSpec(spec.changeLabel(), spec.table(), spec.schemaPrefix(),
                spec.columns().stream().map(NewColumn::withoutValue).toList(), spec.batchSize(), spec.pauseMillis(),
                spec.analyze(), spec.retry());
    }

    /** False when the table does not exist: the preflight reports that. */
    static boolean isEmpty(AddColumnSpec spec, Connection connection) throws SQLException {
        String table = spec.table().sql();
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
