package liquibase.ext.online.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits that end. A test that waits for work on another thread (a change running beside an application, a
 * long reader) fails with a message naming what did not end, instead of hanging the build.
 * <p>
 * The work runs on a daemon thread of its own, not in the common fork-join pool: on a machine with few cores
 * that pool runs one task at a time and a busy application there would keep the change from starting at all.
 */
public final class Bounded {

    /** Work that may throw, such as {@code () -> liquibase.update(changelog)}. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private Bounded() {
    }

    /** Starts {@code work} on a daemon thread named {@code what}; wait for it with {@link #await}. */
    public static CompletableFuture<Void> start(String what, Work work) {
        return thread(what, () -> {
            work.run();
            return null;
        });
    }

    private static <T> CompletableFuture<T> thread(String what, Callable<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                done.complete(work.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, what);
        runner.setDaemon(true);
        runner.start();
        return done;
    }

    /** Runs {@code work} on a thread of its own and waits for it at most {@code limit}. */
    public static void run(String what, Duration limit, Work work) throws Exception {
        await(what, limit, start(what, work));
    }

    /** Runs {@code work} on a thread of its own and returns its result, waiting at most {@code limit}. */
    public static <T> T call(String what, Duration limit, Callable<T> work) throws Exception {
        return await(what, limit, thread(what, work));
    }

    /**
     * The result of {@code future} within {@code limit}. What the work threw is thrown as it is, so
     * {@code assertThatThrownBy} sees the same exception as from a direct call; a work that does not end fails
     * with an AssertionError naming it.
     */
    public static <T> T await(String what, Duration limit, Future<T> future) throws Exception {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not end within " + limit.toSeconds() + "s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
