package liquibase.ext.online.plan;

import java.time.Duration;

/**
 * How a step reacts to a lock it cannot get in time: wait {@code lockTimeout} at most per attempt, then back off
 * (doubling from {@code initialDelay} up to {@code maxDelay}) and try again, {@code retries} more times.
 */
public record RetryPolicy(Duration lockTimeout, int retries, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
    }

    public int attempts() {
        return retries + 1;
    }

    /** The pause before attempt {@code attempt} (2 = the first retry). */
    public Duration delayBefore(int attempt) {
        long millis = initialDelay.toMillis();
        for (int i = 2; i < attempt && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }

    public String lockTimeoutSql() {
        return "'" + lockTimeout.toMillis() + "ms'";
    }

    public String describe() {
        return "lock_timeout " + lockTimeout.toMillis() + "ms, retried up to " + retries
                + " times with backoff from " + initialDelay.toMillis() + "ms to " + maxDelay.toMillis() + "ms";
    }
}
