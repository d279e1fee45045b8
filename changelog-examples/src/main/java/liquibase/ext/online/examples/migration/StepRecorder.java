package liquibase.ext.online.examples.migration;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import liquibase.ui.ConsoleUIService;

/**
 * Liquibase's console, also remembering when each message came: liquibase-online announces every step of its
 * plan there, which marks the steps on the benchmark's latency charts.
 */
public final class StepRecorder extends ConsoleUIService {

    private final List<StepMark> marks = new ArrayList<>();

    public StepRecorder(PrintStream console) {
        setOutputStream(console);
    }

    @Override
    public void sendMessage(String message) {
        synchronized (marks) {
            marks.add(new StepMark(System.nanoTime(), message));
        }
        super.sendMessage(message);
    }

    public List<StepMark> marks() {
        synchronized (marks) {
            return List.copyOf(marks);
        }
    }
}
