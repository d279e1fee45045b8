package liquibase.ext.online.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** The extension jar used the way CLI users use it: dropped into Liquibase's lib/ folder. */
class CommandLineIT {

    @TempDir
    Path workDir;

    private TestDatabase db;
    private CommandLine cli;

    @BeforeEach
    void setUp() throws Exception {
        db = PostgresServer.get().newDatabase();
        cli = new CommandLine(workDir);
        try (var in = CommandLineIT.class.getResourceAsStream("/changelogs/backfill/basic.xml")) {
            Files.copy(in, workDir.resolve("changelog.xml"));
        }
    }

    @AfterEach
    void stopLeftoverProcesses() throws Exception {
        cli.close();
    }

    private String[] withConnection(String command, String... more) throws Exception {
        String[] base = {
                "--url=" + db.url(), "--username=" + db.user(), "--password=" + db.password(),
                "--changelog-file=changelog.xml", command};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void updateRunsTheChangeAndShowsItsProgressOnTheConsole() throws Exception {
        CommandLine.Result result = cli.run(withConnection("update"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("backfillInBatches in changeset changelog.xml::2::test: done, 2,500 rows updated");
        assertThat(db.count("SELECT count(*) FROM orders WHERE status = 'pending'")).isEqualTo(2500);
    }

    @Test
    void updateSqlWritesPlainSqlToStdoutAndChangesNothing() throws Exception {
        CommandLine.Result result = cli.run(withConnection("update-sql"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("CREATE TABLE public.orders")
                .contains("-- backfillInBatches in changeset changelog.xml::2::test, step 1 of 1")
                .doesNotContain("WARNING: This statement uses a prepared statement");
        assertThat(db.count("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'")).isZero();
    }

    @Test
    void statusListsTheChangesetsThatHaveNotRun() throws Exception {
        CommandLine.Result result = cli.run(withConnection("status", "--verbose"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("2 changesets have not been applied").contains("changelog.xml::2::test");
    }

    @Test
    void rollbackCountUndoesTheLastChangeset() throws Exception {
        assertThat(cli.run(withConnection("update")).exitCode()).isZero();

        CommandLine.Result result = cli.run(withConnection("rollback-count", "--count=1"));

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(db.count("SELECT count(*) FROM databasechangelog")).isEqualTo(1);
    }

    @Test
    void settingsCanBeGivenAsCommandLineOptions() throws Exception {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v text)", "INSERT INTO t SELECT g FROM generate_series(1, 10) g");
        Files.writeString(workDir.resolve("changelog.xml"), Files.readString(workDir.resolve("changelog.xml"))
                .replaceAll("(?s)<changeSet id=\"1\".*?</changeSet>", ""));

        CommandLine.Result result = cli.run("--online-lock-timeout=soon",
                "--url=" + db.url(), "--username=" + db.user(), "--password=" + db.password(),
                "--changelog-file=changelog.xml", "validate");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr() + result.stdout()).contains("'soon' is not a duration");
    }

    @Test
    void versionListsTheExtensionWithItsVersion() throws Exception {
        CommandLine.Result result = cli.run("--version");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        String jar = CommandLine.extensionJar().getFileName().toString();
        String version = jar.substring("liquibase-online-".length(), jar.length() - ".jar".length());
        assertThat(result.stdout()).contains("lib/" + jar + ": liquibase-online " + version);
    }
}
