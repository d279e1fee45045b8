package liquibase.ext.online.config;

import java.time.Duration;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.RetryPolicy;

/**
 * The settings one change runs with: its own attributes where given, else the {@link OnlineConfiguration}
 * defaults. Read when the plan is made, so a changelog attribute always wins over the environment.
 */
public final class OnlineSettings {

    private OnlineSettings() {
    }

    public static RetryPolicy retryPolicy(String lockTimeout, Integer lockRetries) {
        return new RetryPolicy(
                duration(lockTimeout, OnlineConfiguration.LOCK_TIMEOUT.getCurrentValue()),
                lockRetries != null ? lockRetries : OnlineConfiguration.LOCK_RETRIES.getCurrentValue(),
                duration(null, OnlineConfiguration.LOCK_RETRY_DELAY.getCurrentValue()),
                duration(null, OnlineConfiguration.LOCK_RETRY_MAX_DELAY.getCurrentValue()));
    }

    /** A batch size that is not given: the walk sizes its batches itself, see {@link #batchTime()}. */
    public static final int ADAPTIVE_BATCH_SIZE = 0;

    /** The batch size of the SQL update-sql prints for a walk without one: a script cannot time its batches. */
    public static final int SCRIPT_BATCH_SIZE = 10_000;

    /** The size a printed script walks with: the step's, or {@link #SCRIPT_BATCH_SIZE} for an adaptive one. */
    public static int scriptBatchSize(int batchSize) {
        return batchSize > 0 ? batchSize : SCRIPT_BATCH_SIZE;
    }

    /** The attribute, else liquibase.online.batchSize, else {@link #ADAPTIVE_BATCH_SIZE}. */
    public static int batchSize(Integer attribute) {
        if (attribute != null) {
            return attribute;
        }
        Integer configured = OnlineConfiguration.BATCH_SIZE.getCurrentValue();
        return configured != null ? configured : ADAPTIVE_BATCH_SIZE;
    }

    /** The time an adaptive walk aims to spend on each batch. */
    public static Duration batchTime() {
        return duration(null, OnlineConfiguration.BATCH_TIME.getCurrentValue());
    }

    public static long pauseMillis(Long attribute) {
        return attribute != null ? attribute : OnlineConfiguration.PAUSE_MILLIS.getCurrentValue();
    }

    /** The largest table without a key walked on PostgreSQL 12 and 13, in bytes; 0 (off) means any size. */
    public static long maxKeylessScanSize() {
        return size("maxKeylessScanSize", OnlineConfiguration.MAX_KEYLESS_SCAN_SIZE.getCurrentValue());
    }

    public static Duration progressInterval() {
        return duration(null, OnlineConfiguration.PROGRESS_INTERVAL.getCurrentValue());
    }

    /** The replication lag a backfill waits for, in bytes; 0 means it never waits. */
    public static long maxReplicationLag(String attribute) {
        return size("maxReplicationLag",
                attribute != null ? attribute : OnlineConfiguration.MAX_REPLICATION_LAG.getCurrentValue());
    }

    /** The longest wait for the standbys before one batch. */
    public static Duration maxThrottleWait() {
        try {
            return duration(null, OnlineConfiguration.MAX_THROTTLE_WAIT.getCurrentValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Messages.settingInvalid("maxThrottleWait", e.getMessage()), e);
        }
    }

    private static long size(String setting, String text) {
        return Sizes.parse(text).orElseThrow(() -> new IllegalArgumentException(Messages.badSize(setting, text)));
    }

    private static Duration duration(String attribute, String configured) {
        String text = attribute != null ? attribute : configured;
        return Durations.parse(text).filter(d -> !d.isZero()).orElseThrow(() -> new IllegalArgumentException(
                Messages.notADuration(text)));
    }
}
