package liquibase.ext.online.examples.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;

/**
 * Times each changeset from Liquibase's own callbacks. DATABASECHANGELOG stores only when a changeset ended, and
 * timing the whole command would add Liquibase's start-up, lock and history-table work to every changeset.
 */
public final class ChangeSetTimer extends AbstractChangeExecListener {

    private final Consumer<String> events;
    private final List<ChangeSetTiming> finished = new ArrayList<>();
    private volatile String running;
    private long startNanos;

    public ChangeSetTimer(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database,
                        ChangeSet.RunStatus runStatus) {
        running = label(changeSet);
        events.accept("changeset " + running + " started");
        startNanos = System.nanoTime();
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType execType) {
        long end = System.nanoTime();
        ChangeSetTiming timing = new ChangeSetTiming(changeSet.getId(), changeSet.getAuthor(),
                changeSet.getDescription(), startNanos, end);
        synchronized (finished) {
            finished.add(timing);
        }
        running = null;
        events.accept(String.format(Locale.ROOT, "changeset %s %s in %.2f s", label(changeSet),
                execType.value.toLowerCase(Locale.ROOT), timing.duration().toNanos() / 1e9));
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception exception) {
        running = null;
        events.accept("changeset " + label(changeSet) + " FAILED: " + exception.getMessage());
    }

    /** The changeset running now, or null between changesets. */
    public String running() {
        return running;
    }

    public List<ChangeSetTiming> finished() {
        synchronized (finished) {
            return List.copyOf(finished);
        }
    }

    private static String label(ChangeSet changeSet) {
        return changeSet.getId() + " (" + changeSet.getDescription() + ")";
    }
}
