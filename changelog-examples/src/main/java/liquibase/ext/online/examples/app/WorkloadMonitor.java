package liquibase.ext.online.examples.app;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints, at a steady rhythm, how the application fares right now (the last interval only, so a stall shows at
 * once) next to what the migration is doing.
 */
public final class WorkloadMonitor implements AutoCloseable {

    private final Thread thread;

    private WorkloadMonitor(Thread thread) {
        this.thread = thread;
    }

    public static WorkloadMonitor start(PrintStream out, LatencyRecorder recorder, Duration interval,
                                        Supplier<String> activity) {
        long begin = System.nanoTime();
        Thread thread = new Thread(() -> {
            long from = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                long to = System.nanoTime();
                LatencyStats recent = recorder.between(from, to);
                String doing = activity.get();
                out.printf(Locale.ROOT, "[%6.1f s] app: %s%s%n", (to - begin) / 1e9, recent,
                        doing == null ? "" : " | running: " + doing);
                from = to;
            }
        }, "workload-monitor");
        thread.setDaemon(true);
        thread.start();
        return new WorkloadMonitor(thread);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
