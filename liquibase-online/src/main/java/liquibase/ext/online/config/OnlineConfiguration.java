package liquibase.ext.online.config;

import liquibase.configuration.AutoloadedConfigurations;
import liquibase.configuration.ConfigurationDefinition;

/**
 * Defaults for every online change, settable as {@code -Dliquibase.online.lockTimeout=2s}, as the environment
 * variable {@code LIQUIBASE_ONLINE_LOCK_TIMEOUT}, as the CLI option {@code --online-lock-timeout} or in
 * liquibase.properties. A change's own attribute wins over these.
 */
public class OnlineConfiguration implements AutoloadedConfigurations {

    public static final ConfigurationDefinition<String> LOCK_TIMEOUT;
    public static final ConfigurationDefinition<Integer> LOCK_RETRIES;
    public static final ConfigurationDefinition<String> LOCK_RETRY_DELAY;
    public static final ConfigurationDefinition<String> LOCK_RETRY_MAX_DELAY;
    public static final ConfigurationDefinition<Integer> BATCH_SIZE;
    public static final ConfigurationDefinition<String> BATCH_TIME;
    public static final ConfigurationDefinition<Long> PAUSE_MILLIS;
    public static final ConfigurationDefinition<String> PROGRESS_INTERVAL;
    public static final ConfigurationDefinition<Boolean> SESSION_LOCK;
    public static final ConfigurationDefinition<String> MAX_KEYLESS_SCAN_SIZE;
    public static final ConfigurationDefinition<String> MAX_REPLICATION_LAG;
    public static final ConfigurationDefinition<String> MAX_THROTTLE_WAIT;

    static {
        ConfigurationDefinition.Builder builder = new ConfigurationDefinition.Builder("liquibase.online");
        LOCK_TIMEOUT = builder.define("lockTimeout", String.class)
                .setDescription("Longest wait for a table lock per attempt, e.g. 1s or 500ms. Steps that take a "
                        + "lock the application would queue behind give up after it and retry.")
                .setDefaultValue("1s")
                .build();
        LOCK_RETRIES = builder.define("lockRetries", Integer.class)
                .setDescription("How many times a step is retried after a lock timeout before the change fails.")
                .setDefaultValue(10)
                .build();
        LOCK_RETRY_DELAY = builder.define("lockRetryDelay", String.class)
                .setDescription("Pause before the first retry; it doubles with every further retry.")
                .setDefaultValue("500ms")
                .build();
        LOCK_RETRY_MAX_DELAY = builder.define("lockRetryMaxDelay", String.class)
                .setDescription("Longest pause between two retries.")
                .setDefaultValue("10s")
                .build();
        BATCH_SIZE = builder.define("batchSize", Integer.class)
                .setDescription("Rows per batch of a backfill; each batch is one short transaction. Unset (the "
                        + "default), a change without a batchSize attribute sizes its batches itself, see batchTime.")
                .build();
        BATCH_TIME = builder.define("batchTime", String.class)
                .setDescription("How long each batch of a backfill without a batchSize should take, e.g. 100ms: "
                        + "the walk starts with 1000 rows per batch and tunes the size, between 100 and 100000 "
                        + "rows, so that a batch takes about this long.")
                .setDefaultValue("100ms")
                .build();
        PAUSE_MILLIS = builder.define("pauseMillis", Long.class)
                .setDescription("Milliseconds to sleep between two batches of a backfill.")
                .setDefaultValue(0L)
                .build();
        PROGRESS_INTERVAL = builder.define("progressInterval", String.class)
                .setDescription("How often a running backfill reports its progress, e.g. 5s.")
                .setDefaultValue("5s")
                .build();
        SESSION_LOCK = builder.define("sessionLock", Boolean.class)
                .setDescription("Hold Liquibase's changelog lock with a PostgreSQL session lock as well, so that "
                        + "the lock of a killed run is taken over by the next update instead of blocking it. false "
                        + "uses Liquibase's standard lock.")
                .setDefaultValue(true)
                .build();
        MAX_KEYLESS_SCAN_SIZE = builder.define("maxKeylessScanSize", String.class)
                .setDescription("On PostgreSQL 12 and 13, the largest table without a primary key or unique NOT NULL "
                        + "columns that a batched change walks, e.g. 100MB or 2GB (off: any size): there every batch "
                        + "of such a walk reads the whole table. PostgreSQL 14+ reads only the batch's blocks and has "
                        + "no limit.")
                .setDefaultValue("100MB")
                .build();
        MAX_REPLICATION_LAG = builder.define("maxReplicationLag", String.class)
                .setDescription("Before each batch of a backfill, wait while the furthest streaming standby is "
                        + "more than this much WAL behind, e.g. 64MB, 512kB or 1GB (a bare number is bytes); off "
                        + "never waits. Reading the lag needs superuser, pg_monitor or pg_read_all_stats.")
                .setDefaultValue("64MB")
                .build();
        MAX_THROTTLE_WAIT = builder.define("maxThrottleWait", String.class)
                .setDescription("Longest wait for the standbys before one batch, e.g. 10min; after it the change "
                        + "fails and a rerun resumes the walk where it stopped.")
                .setDefaultValue("10min")
                .build();
    }
}
