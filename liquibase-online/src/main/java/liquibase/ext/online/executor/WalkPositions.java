package liquibase.ext.online.executor;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Where each walk stands, kept in a table of ours next to Liquibase's own, so that a rerun after a kill resumes
 * after the last committed batch instead of reading the whole table again.
 * <p>
 * A row is created when a walk starts and moved by every batch in the batch's own statement, so it can never be
 * ahead of the data. When a walk ends its row stays, marked finished, until the whole change is done: a keyed
 * walk of a change interrupted in a later step does not walk again. A block walk does, on purpose: a row the
 * application updated may have moved behind it, and its re-checked condition writes no row twice. A row left by another version of the changeset (another
 * checksum) or of the walk (another key) is void and replaced.
 */
public final class WalkPositions {

    /** The table's name, created on first use in Liquibase's schema. */
    public static final String TABLE = "databasechangelog_online_walk";

    private final String tableSql;
    private final String changeLogSql;
    private final WalkOwner owner;

    /**
     * @param tableSql     the table's escaped, schema-qualified name
     * @param changeLogSql Liquibase's DATABASECHANGELOG table, escaped and schema-qualified
     */
    public WalkPositions(String tableSql, String changeLogSql, WalkOwner owner) {
        this.tableSql = tableSql;
        this.changeLogSql = changeLogSql;
        this.owner = owner;
    }

    /**
     * Where a walk stands.
     *
     * @param next the first key of the next batch, null when the walk is finished
     * @param last the walk's last key, read when it started
     */
    record Position(UUID id, List<String> next, List<String> last, long rowsWalked, long rowsUpdated,
                    long rowsTotal) {

        boolean finished() {
            return next == null;
        }
    }

    /** The position of this step's walk by this key, or null when there is none worth resuming. */
    Position find(Connection connection, String step, String key) throws SQLException {
        createTable(connection);
        forgetRecordedChangeSets(connection);
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + tableSql + " WHERE changelog_file = ? "
                + "AND changeset_id = ? AND changeset_author = ? AND change_index = ? "
                + "AND (checksum <> ? OR (step = ? AND key_columns <> ?))")) {
            int i = bindOwner(ps, 1);
            ps.setString(i++, owner.checksum());
            ps.setString(i++, step);
            ps.setString(i, key);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT walk_id, next_key, last_key, rows_walked, "
                + "rows_updated, rows_total FROM " + tableSql + " WHERE changelog_file = ? AND changeset_id = ? "
                + "AND changeset_author = ? AND change_index = ? AND step = ?")) {
            ps.setString(bindOwner(ps, 1), step);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Position(rs.getObject(1, UUID.class), strings(rs.getArray(2)), strings(rs.getArray(3)), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6));
            }
        }
    }

    /** Records a walk that starts now, from {@code first} to {@code last}. */
    Position start(Connection connection, String step, String table, String key, List<String> first,
                   List<String> last, long rowsTotal) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + tableSql + " (walk_id, "
                + "changelog_file, changeset_id, changeset_author, change_index, step, checksum, table_name, "
                + "key_columns, next_key, last_key, rows_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, id);
            int i = bindOwner(ps, 2);
            ps.setString(i++, step);
            ps.setString(i++, owner.checksum());
            ps.setString(i++, table);
            ps.setString(i++, key);
            ps.setArray(i++, connection.createArrayOf("text", first.toArray()));
            ps.setArray(i++, connection.createArrayOf("text", last.toArray()));
            ps.setLong(i, rowsTotal);
            ps.executeUpdate();
        }
        return new Position(id, first, last, 0, 0, rowsTotal);
    }

    /** Marks where a resumed walk picks up again, so the rate an operator reads covers this run only. */
    void resumed(Connection connection, Position position) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + tableSql + " SET run_started_at = "
                + "clock_timestamp(), run_rows_walked = rows_walked, updated_at = clock_timestamp(), "
                + "runs = runs + 1 WHERE walk_id = ?")) {
            ps.setObject(1, position.id());
            ps.executeUpdate();
        }
    }

    /** Drops a walk's position, for a walk that starts again from its beginning. */
    void forget(Connection connection, Position position) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + tableSql + " WHERE walk_id = ?")) {
            ps.setObject(1, position.id());
            ps.executeUpdate();
        }
    }

    /**
     * The change is done. When it is the last of its changeset, so is the changeset, bar Liquibase's record of it:
     * its walks are forgotten, and a later run (runAlways, an update after a rollback) walks afresh. Otherwise the
     * positions stay, so that a rerun after a later change failed skips the finished walks.
     */
    public void changeDone(Connection connection) throws SQLException {
        if (!owner.lastChange() || !exists(connection)) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + tableSql + " WHERE changelog_file = ? "
                + "AND changeset_id = ? AND changeset_author = ?")) {
            ps.setString(1, owner.changelogFile());
            ps.setString(2, owner.changeSetId());
            ps.setString(3, owner.author());
            ps.executeUpdate();
        }
    }

    /**
     * Positions of other changesets that Liquibase has since recorded as run belong to changesets that ended after
     * a change other than a walking one; nothing will resume them.
     */
    private void forgetRecordedChangeSets(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + tableSql + " w USING "
                + changeLogSql + " d WHERE d.filename = w.changelog_file AND d.id = w.changeset_id "
                + "AND d.author = w.changeset_author AND NOT (w.changelog_file = ? AND w.changeset_id = ? "
                + "AND w.changeset_author = ?)")) {
            ps.setString(1, owner.changelogFile());
            ps.setString(2, owner.changeSetId());
            ps.setString(3, owner.author());
            ps.executeUpdate();
        }
    }

    /**
     * The UPDATE of this table that moves a walk's position, for the batch's own statement, where the CTE
     * {@code online_count} holds the number of rows the batch changed in its column {@code n} (counted once, for
     * this and the statement's result). Its last parameter is the walk id.
     *
     * @param nextKey the SQL of the next key's values as text, or null when the walk ends with this batch
     * @param from    a FROM clause the other expressions read, or an empty string
     * @param walked  the SQL of the number of keys the batch walked
     */
    String advance(String nextKey, String from, String walked) {
        return "UPDATE " + tableSql + " SET next_key = " + (nextKey == null ? "NULL" : "ARRAY[" + nextKey + "]")
                + ", rows_walked = rows_walked + " + walked
                + ", rows_updated = rows_updated + (SELECT n FROM online_count)"
                + ", updated_at = clock_timestamp()" + from + " WHERE walk_id = ?";
    }

    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, tableSql);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private void createTable(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + tableSql + " ("
                    // a uuid made by the caller, not a serial: no sequence of ours next to the user's objects
                    + "walk_id uuid PRIMARY KEY, "
                    + "changelog_file text NOT NULL, changeset_id text NOT NULL, changeset_author text NOT NULL, "
                    + "change_index int NOT NULL, step text NOT NULL, checksum text NOT NULL, "
                    + "table_name text NOT NULL, key_columns text NOT NULL, "
                    + "next_key text[], last_key text[] NOT NULL, "
                    + "rows_walked bigint NOT NULL DEFAULT 0, rows_updated bigint NOT NULL DEFAULT 0, "
                    + "rows_total bigint NOT NULL, runs int NOT NULL DEFAULT 1, "
                    + "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "run_started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "run_rows_walked bigint NOT NULL DEFAULT 0, "
                    + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                    + "UNIQUE (changelog_file, changeset_id, changeset_author, change_index, step))");
        }
    }

    private int bindOwner(PreparedStatement ps, int index) throws SQLException {
        ps.setString(index++, owner.changelogFile());
        ps.setString(index++, owner.changeSetId());
        ps.setString(index++, owner.author());
        ps.setInt(index++, owner.changeIndex());
        return index;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Collections.unmodifiableList(Arrays.asList((String[]) array.getArray()));
    }
}
