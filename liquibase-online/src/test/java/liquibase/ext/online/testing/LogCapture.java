package liquibase.ext.online.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the extension's log lines (they go to java.util.logging at INFO) from every thread. */
public final class LogCapture extends Handler {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Consumer<String> onEach;

    private LogCapture(Consumer<String> onEach) {
        this.onEach = onEach;
    }

    public static LogCapture start() {
        return start(message -> { });
    }

    /** Also hands every message to {@code onEach} as it is logged, on the thread that logs it. */
    public static LogCapture start(Consumer<String> onEach) {
        LogCapture capture = new LogCapture(onEach);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public void stop() {
        Logger.getLogger("").removeHandler(this);
    }

    public List<String> messages() {
        return messages;
    }

    public long count(String fragment) {
        return messages.stream().filter(m -> m.contains(fragment)).count();
    }

    public void awaitMessageContaining(String fragment, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (count(fragment) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log message containing '" + fragment + "' within " + seconds + "s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getMessage() != null) {
            messages.add(record.getMessage());
            onEach.accept(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
