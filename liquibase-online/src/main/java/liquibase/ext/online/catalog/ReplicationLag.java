package liquibase.ext.online.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How far the standbys that stream from this server are behind, read from {@code pg_stat_replication}: the WAL
 * bytes between {@code pg_current_wal_lsn()} and each standby's {@code replay_lsn}, i.e. what it has not yet
 * applied and so cannot show to its readers.
 * <ul>
 *   <li>Only physical standbys count: a walsender that serves a logical replication slot (a subscription, a
 *       change-data-capture tool) is left out; so are standbys of standbys, which this server does not see.</li>
 *   <li>A walsender with no {@code replay_lsn} replays nothing: pg_receivewal, the WAL stream of a
 *       pg_basebackup, or a standby that connected so recently it has not yet reported (it does within
 *       {@code wal_receiver_status_interval}, 10 s by default, and is counted from then on).</li>
 *   <li>A role without superuser, {@code pg_monitor} or {@code pg_read_all_stats} sees the rows but not their
 *       state or positions: such rows are counted as {@link #hidden}.</li>
 * </ul>
 * On a server without standbys the view is empty and the read costs one trivial query.
 *
 * @param standbys the standbys whose lag could be read
 * @param hidden   walsenders whose details the role may not see
 */
public record ReplicationLag(List<Standby> standbys, int hidden) {

    static final String QUERY = "SELECT r.application_name, host(r.client_addr), r.state IS NULL, "
            + "pg_wal_lsn_diff(pg_current_wal_lsn(), r.replay_lsn)::bigint "
            + "FROM pg_stat_replication AS r "
            + "WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots AS s "
            + "WHERE s.active_pid = r.pid AND s.slot_type = 'logical')";

    /**
     * One standby.
     *
     * @param name        its application_name (from primary_conninfo), maybe empty
     * @param address     its client address, null over a Unix socket
     * @param bytesBehind WAL written here that it has not replayed yet
     */
    public record Standby(String name, String address, long bytesBehind) {

        /** As the log names it: {@code standby1 (10.0.0.7)}. */
        public String label() {
            String shown = name == null || name.isEmpty() ? "without application_name" : name;
            return shown + " (" + (address == null ? "local socket" : address) + ")";
        }
    }

    public ReplicationLag {
        standbys = List.copyOf(standbys);
    }

    public static ReplicationLag read(Connection connection) throws SQLException {
        List<Standby> standbys = new ArrayList<>();
        int hidden = 0;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            while (rs.next()) {
                boolean detailsHidden = rs.getBoolean(3);
                long behind = rs.getLong(4);
                boolean replaysNothing = rs.wasNull();
                if (detailsHidden) {
                    hidden++;
                } else if (!replaysNothing) {
                    standbys.add(new Standby(rs.getString(1), rs.getString(2), Math.max(0, behind)));
                }
            }
        }
        return new ReplicationLag(standbys, hidden);
    }

    /** The standbys more than {@code limit} bytes behind, furthest first. */
    public List<Standby> behindMoreThan(long limit) {
        return standbys.stream().filter(s -> s.bytesBehind() > limit)
                .sorted(Comparator.comparingLong(Standby::bytesBehind).reversed()).toList();
    }
}
