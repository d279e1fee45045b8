package liquibase.ext.online.examples.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import liquibase.ext.online.examples.db.JdbcTarget;

/** What a reader needs to compare a result with their own. */
record MachineFacts(int cores, String os, String java, String serverVersion, String server, String settings,
                    OffsetDateTime date) {

    static MachineFacts collect(JdbcTarget target, String serverDescription) throws SQLException {
        try (Connection c = target.connect()) {
            return new MachineFacts(Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    show(c, "server_version"), serverDescription,
                    "fsync=" + show(c, "fsync") + ", synchronous_commit=" + show(c, "synchronous_commit")
                            + ", shared_buffers=" + show(c, "shared_buffers") + ", max_wal_size="
                            + show(c, "max_wal_size"),
                    OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** The 1-minute load average, which shows when something else was using the CPUs. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
