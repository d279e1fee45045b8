package liquibase.ext.online.examples.migration;

import java.util.HashMap;
import java.util.Map;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.UIService;

/**
 * Runs {@code liquibase update} through Liquibase's command API, as the CLI, the Maven plugin and Spring Boot do,
 * with changelogs from the classpath, so the extension is found by the ServiceLoader exactly as for a user.
 */
public final class LiquibaseUpdate {

    private LiquibaseUpdate() {
    }

    public static void run(JdbcTarget target, String changelog, ChangeSetTimer timer) throws Exception {
        run(target, changelog, timer, null);
    }

    /** As {@link #run(JdbcTarget, String, ChangeSetTimer)}, with Liquibase's console messages sent to {@code ui}. */
    public static void run(JdbcTarget target, String changelog, ChangeSetTimer timer, UIService ui) throws Exception {
        run(target, changelog, timer, ui, null);
    }

    /** As above, running only the changesets whose labels match {@code labels} (null: all), like --label-filter. */
    public static void run(JdbcTarget target, String changelog, ChangeSetTimer timer, UIService ui, String labels)
            throws Exception {
        CommandScope update = new CommandScope("update")
                .addArgumentValue("url", target.url())
                .addArgumentValue("username", target.username())
                .addArgumentValue("password", target.password())
                .addArgumentValue("changelogFile", changelog)
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, timer);
        if (labels != null) {
            update.addArgumentValue("labelFilter", labels);
        }
        ClassLoader loader = LiquibaseUpdate.class.getClassLoader();
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(loader));
        if (ui != null) {
            scope.put(Scope.Attr.ui.name(), ui);
        }
        Scope.child(scope, () -> update.execute());
    }
}
