package liquibase.ext.online.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Runs real Liquibase commands through its command API, as the CLI, the Maven plugin and Spring Boot do, with
 * changelogs from the test classpath. The extension is found through the ServiceLoader, as in production.
 */
public final class LiquibaseRunner {

    private static final String XML_HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:online="http://liquibase-online.github.io/xml/ns/online"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd
                        http://liquibase-online.github.io/xml/ns/online
                        http://liquibase-online.github.io/xml/ns/online/liquibase-online-1.0.xsd">
            """;

    private final TestDatabase database;
    private final Path scratch;
    private final Map<String, Object> settings = new HashMap<>();

    public LiquibaseRunner(TestDatabase database) {
        this.database = database;
        try {
            this.scratch = Files.createTempDirectory("changelogs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LiquibaseRunner(TestDatabase database, Path scratch, Map<String, Object> settings) {
        this.database = database;
        this.scratch = scratch;
        this.settings.putAll(settings);
    }

    /**
     * A runner of the same changelogs and settings on another database: the same changelog name there is the
     * same file, so both databases record the same changesets.
     */
    public LiquibaseRunner on(TestDatabase other) {
        return new LiquibaseRunner(other, scratch, settings);
    }

    /** The database this runner runs on. */
    public TestDatabase database() {
        return database;
    }

    /**
     * Writes the given changesets into an XML changelog with the usual header (prefix {@code online:} for the
     * extension) and returns its path for the other methods. Each call makes a new file name, as a new release.
     */
    public String xmlChangelog(String name, String changeSets) {
        try {
            Files.writeString(scratch.resolve(name), xmlChangelogText(changeSets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    /** The text of an XML changelog with the usual header (prefix {@code online:} for the extension). */
    public static String xmlChangelogText(String changeSets) {
        return XML_HEADER.strip() + "\n" + changeSets + "\n</databaseChangeLog>\n";
    }

    /**
     * A setting such as {@code liquibase.online.progressInterval} for the commands of this runner only: a value in
     * Liquibase's scope, where the settings are looked up, instead of a system property every test would see.
     */
    public LiquibaseRunner setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    public void update(String changelog) {
        run(command("update", changelog));
    }

    /**
     * {@link #update} on a thread of its own, failing the test when it has not ended within {@code limit}: for
     * an update beside an application, whose threads would keep a hung test running for ever.
     */
    public void updateWithin(Duration limit, String changelog) throws Exception {
        Bounded.run("liquibase update " + changelog, limit, () -> update(changelog));
    }

    public String updateSql(String changelog) {
        CommandScope command = command("updateSql", changelog);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.setOutput(out);
        run(command);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Clears the changelog lock row, as `liquibase release-locks` does. */
    public void releaseLocks() {
        try {
            run(new CommandScope("releaseLocks")
                    .addArgumentValue("url", database.url())
                    .addArgumentValue("username", database.user())
                    .addArgumentValue("password", database.password()));
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }

    public void rollbackCount(String changelog, int count) {
        run(command("rollbackCount", changelog).addArgumentValue("count", count));
    }

    public String rollbackCountSql(String changelog, int count) {
        CommandScope command = command("rollbackCountSql", changelog).addArgumentValue("count", count);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.setOutput(out);
        run(command);
        return out.toString(StandardCharsets.UTF_8);
    }

    private CommandScope command(String name, String changelog) {
        try {
            return new CommandScope(name)
                    .addArgumentValue("url", database.url())
                    .addArgumentValue("username", database.user())
                    .addArgumentValue("password", database.password())
                    .addArgumentValue("changelogFile", changelog);
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }

    private void run(CommandScope command) {
        try {
            ResourceAccessor files = new CompositeResourceAccessor(new DirectoryResourceAccessor(scratch),
                    new ClassLoaderResourceAccessor(Thread.currentThread().getContextClassLoader()));
            Map<String, Object> scope = new HashMap<>(settings);
            scope.put(Scope.Attr.resourceAccessor.name(), files);
            Scope.child(scope, () -> command.execute());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseFailure(e);
        }
    }

    /** A Liquibase command failed; the message is Liquibase's, as a user would see it. */
    public static final class LiquibaseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LiquibaseFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
