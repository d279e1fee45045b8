package liquibase.ext.online.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A streaming standby of the test server: a second embedded PostgreSQL started from a base backup of the first
 * (pg_backup_start, a file copy, pg_backup_stop), with {@code standby.signal}, {@code primary_conninfo} and a
 * physical replication slot. The recipe is the one in the shared extension notes, section 3; it works on 12 to 18,
 * as root too (zonky runs the server under {@code unshare -U}).
 * <p>
 * Needs the server's data directory on this machine, so only an embedded test server has a standby; elsewhere the
 * test is skipped. {@link #close} stops the standby, drops its slot (else the primary keeps WAL for it) and
 * deletes its directory. Every wait is bounded.
 */
public final class StandbyServer implements AutoCloseable {

    private static final AtomicInteger STANDBYS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Top-level files of the data directory a standby must not get. */
    private static final Set<String> SKIP_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "backup_label.old", "tablespace_map", "tablespace_map.old", "standby.signal",
            "recovery.signal");
    /** Top-level directories created empty. */
    private static final Set<String> EMPTY_DIRS = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    private final TestDatabase primary;
    private final String name;
    private final Path directory;
    private final EmbeddedPostgres server;

    private StandbyServer(TestDatabase primary, String name, Path directory, EmbeddedPostgres server) {
        this.primary = primary;
        this.name = name;
        this.directory = directory;
        this.server = server;
    }

    /**
     * Starts a standby of the server {@code primary} is on and waits until it streams. Skips the test (JUnit
     * assumption) when that server's data directory is not on this machine.
     */
    public static StandbyServer startFor(TestDatabase primary) throws Exception {
        String name = "online_standby_" + ProcessHandle.current().pid() + "_" + STANDBYS.incrementAndGet();
        Path directory = Files.createTempDirectory("online-standby");
        boolean started = false;
        try (Connection p = primary.connect()) {
            Path source = Path.of(one(p, "SHOW data_directory"));
            Assumptions.assumeTrue(Files.isDirectory(source),
                    "a standby needs the test server's data directory on this machine (embedded PostgreSQL)");
            int major = p.getMetaData().getDatabaseMajorVersion();
            one(p, "SELECT pg_create_physical_replication_slot('" + name + "', true)::text");
            one(p, major >= 15 ? "SELECT pg_backup_start('" + name + "', true)::text"
                    : "SELECT pg_start_backup('" + name + "', true, false)::text");
            copy(source, directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            try (Statement st = p.createStatement(); ResultSet rs = st.executeQuery(major >= 15
                    ? "SELECT labelfile, spcmapfile FROM pg_backup_stop(false)"
                    : "SELECT labelfile, spcmapfile FROM pg_stop_backup(false, false)")) {
                rs.next();
                Files.writeString(directory.resolve("backup_label"), rs.getString(1));
                if (rs.getString(2) != null && !rs.getString(2).isEmpty()) {
                    Files.writeString(directory.resolve("tablespace_map"), rs.getString(2));
                }
            }
            Files.writeString(directory.resolve("standby.signal"), "");
            Files.writeString(directory.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=localhost port="
                    + port(primary.url()) + " user=" + primary.user() + " application_name=" + name + "'\n"
                    + "primary_slot_name = '" + name + "'\n", StandardOpenOption.APPEND);
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            StandbyServer standby = new StandbyServer(primary, name, directory, server);
            started = true;
            standby.awaitStreaming();
            return standby;
        } finally {
            if (!started) {
                dropSlot(primary, name);
                delete(directory);
            }
        }
    }

    /** The standby's copy of the same database. */
    public TestDatabase database() {
        String url = primary.url();
        int port = port(url);
        String withPort = url.replaceFirst(":" + port + "/", ":" + server.getPort() + "/");
        return new TestDatabase(withPort, primary.user(), primary.password());
    }

    /** The application_name the primary lists it under in pg_stat_replication. */
    public String name() {
        return name;
    }

    /** Stops replaying WAL; it still receives it, so the primary's replay_lsn for it stands still. */
    public void pauseReplay() {
        database().queryOne("SELECT pg_wal_replay_pause()::text");
    }

    public void resumeReplay() {
        database().queryOne("SELECT pg_wal_replay_resume()::text");
    }

    /** WAL bytes between the primary's write position and this standby's replay position, as the primary sees. */
    public long bytesBehind() {
        Object behind = primary.queryOne("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint "
                + "FROM pg_stat_replication WHERE application_name = '" + name + "'");
        return behind == null ? -1 : ((Number) behind).longValue();
    }

    /**
     * Waits until the standby has replayed everything the primary inserted up to now. The insert position, not
     * the write position: under synchronous_commit=off a commit can lie past the write position for a while.
     */
    public void awaitReplayed() throws InterruptedException {
        String target = String.valueOf(primary.queryOne("SELECT pg_current_wal_insert_lsn()::text"));
        awaitTrue("standby " + name + " to replay up to " + target, () -> Boolean.TRUE.equals(
                database().queryOne("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")));
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            dropSlot(primary, name);
            delete(directory);
        }
    }

    private void awaitStreaming() throws InterruptedException {
        awaitTrue("standby " + name + " to stream", () -> Boolean.TRUE.equals(primary.queryOne(
                "SELECT state = 'streaming' AND replay_lsn IS NOT NULL FROM pg_stat_replication "
                        + "WHERE application_name = '" + name + "'")));
    }

    private interface Check {
        boolean holds();
    }

    private static void awaitTrue(String what, Check check) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT.toSeconds() + "s for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The slot is dropped once the standby's walsender is gone; that takes a moment after the stop. */
    private static void dropSlot(TestDatabase primary, String slot) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Connection p = primary.connect();
                 PreparedStatement ps = p.prepareStatement("SELECT pg_drop_replication_slot(slot_name)::text "
                         + "FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                ps.setString(1, slot);
                ps.executeQuery().close();
                if (primary.count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'") == 0
                        || System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(100);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop replication slot " + slot + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(dir);
                Files.createDirectories(target.resolve(relative.toString()));
                if (relative.getNameCount() == 1 && EMPTY_DIRS.contains(relative.toString())) {
                    if (relative.toString().equals("pg_wal")) {
                        Files.createDirectories(target.resolve("pg_wal/archive_status"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = source.relativize(file);
                String fileName = file.getFileName().toString();
                if ((relative.getNameCount() == 1 && SKIP_FILES.contains(fileName))
                        || fileName.equals("pg_internal.init")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, target.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // dropped during the copy: replaying the WAL from the backup start covers it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private static String one(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int port(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPort();
    }
}
