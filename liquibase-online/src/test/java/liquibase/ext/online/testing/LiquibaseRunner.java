package liquibase.ext.online.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Runs real Liquibase commands through its command API, as the CLI, the Maven plugin and Spring Boot do, with
 * changelogs from the test classpath. The extension is found through the ServiceLoader, as in production.
 */
public final class LiquibaseRunner {

    private final TestDatabase database;

    public LiquibaseRunner(TestDatabase database) {
        this.database = database;
    }

    public void update(String changelog) {
        run(command("update", changelog));
    }

    public String updateSql(String changelog) {
        CommandScope command = command("updateSql", changelog);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.setOutput(out);
        run(command);
        return out.toString(StandardCharsets.UTF_8);
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

    private static void run(CommandScope command) {
        try {
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(Thread.currentThread().getContextClassLoader())),
                    () -> command.execute());
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
