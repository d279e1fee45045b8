package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import liquibase.ext.online.catalog.ReplicationLag;
import liquibase.ext.online.config.Sizes;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;

/**
 * Holds a walk back while the standbys lag: before each batch, when the furthest streaming standby is more than
 * {@code maxReplicationLag} bytes of WAL behind, it waits until that standby is back under the limit, saying in
 * the log every {@code logInterval} who is how far behind. After {@code maxWait} it fails the change; the walk's
 * position is kept, so a rerun resumes.
 * <p>
 * What it costs: with standbys, one query on {@code pg_stat_replication} per batch (microseconds, no locks). A
 * server seen without standbys is asked again at most once per {@link #RECHECK}, so a standby that connects during
 * the walk is noticed within that time. A role that may not read the standbys' positions (it needs superuser,
 * {@code pg_monitor} or {@code pg_read_all_stats}) gets one warning per walk and no throttle.
 */
public final class ReplicationThrottle {

    /** How long a server seen without standbys is not asked again. */
    static final Duration RECHECK = Duration.ofSeconds(1);
    /** How long one sleep of the wait lasts before the lag is read again. */
    static final Duration STEP = Duration.ofMillis(500);

    /** Reads the lag; the connection's in production. */
    @FunctionalInterface
    interface LagSource {
        ReplicationLag read() throws SQLException;
    }

    /** The limits one change runs with. */
    public record Limits(long maxLagBytes, Duration maxWait) {

        public static final Limits OFF = new Limits(0, Duration.ZERO);

        public boolean off() {
            return maxLagBytes <= 0;
        }
    }

    private final LagSource lag;
    private final OnlineLog log;
    private final Limits limits;
    private final Duration logInterval;
    private final LongSupplier nanoClock;
    private final LockRetrier.Sleeper sleeper;
    private boolean disabled;
    private long quietUntil;
    private boolean quietSet;

    public ReplicationThrottle(Connection connection, OnlineLog log, Limits limits, Duration logInterval) {
        this(() -> ReplicationLag.read(connection), log, limits, logInterval, System::nanoTime,
                d -> Thread.sleep(d.toMillis()));
    }

    ReplicationThrottle(LagSource lag, OnlineLog log, Limits limits, Duration logInterval, LongSupplier nanoClock,
                        LockRetrier.Sleeper sleeper) {
        this.lag = lag;
        this.log = log;
        this.limits = limits;
        this.logInterval = logInterval;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.disabled = limits.off();
    }

    /**
     * Returns at once when no standby is too far behind; else waits until none is.
     *
     * @param where what comes next, for the log and the error, e.g. {@code the batch from key [42]}
     * @throws OnlineChangeException when a standby is still too far behind after maxWait, or on an interrupt
     */
    public void beforeBatch(String changeLabel, String where) throws OnlineChangeException {
        if (disabled || (quietSet && nanoClock.getAsLong() - quietUntil < 0)) {
            return;
        }
        ReplicationLag reading = read(changeLabel);
        if (reading == null) {
            return;
        }
        if (reading.standbys().isEmpty()) {
            if (reading.hidden() > 0) {
                disabled = true;
                log.warn(changeLabel + ": cannot read how far the " + reading.hidden() + " standby connection(s) in "
                        + "pg_stat_replication are behind: this role is not superuser and has neither pg_monitor "
                        + "nor pg_read_all_stats; the walk does not wait for standbys (maxReplicationLag "
                        + Sizes.format(limits.maxLagBytes()) + " is not enforced). GRANT pg_monitor TO this role "
                        + "to have it enforced, or set maxReplicationLag to off to silence this.");
                return;
            }
            quietSet = true;
            quietUntil = nanoClock.getAsLong() + RECHECK.toNanos();
            return;
        }
        quietSet = false;
        List<ReplicationLag.Standby> behind = reading.behindMoreThan(limits.maxLagBytes());
        if (!behind.isEmpty()) {
            await(changeLabel, where, behind);
        }
    }

    private void await(String changeLabel, String where, List<ReplicationLag.Standby> behind)
            throws OnlineChangeException {
        long start = nanoClock.getAsLong();
        long maxWait = limits.maxWait().toNanos();
        long nextLog = start;
        while (true) {
            long waited = nanoClock.getAsLong() - start;
            if (waited >= maxWait) {
                throw new OnlineChangeException(Messages.standbysTooFarBehind(changeLabel, where, describe(behind),
                        Sizes.format(limits.maxLagBytes()), time(limits.maxWait().toNanos())));
            }
            if (nanoClock.getAsLong() - nextLog >= 0) {
                log.info(changeLabel + ": waiting before " + where + " for " + describe(behind) + ", limit "
                        + Sizes.format(limits.maxLagBytes()) + "; waited " + time(waited) + " of at most "
                        + time(maxWait));
                nextLog += Math.max(logInterval.toNanos(), 1);
            }
            try {
                sleeper.sleep(Duration.ofNanos(Math.min(STEP.toNanos(), maxWait - waited)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OnlineChangeException(Messages.interruptedWaitingForStandbys(changeLabel, where), e);
            }
            ReplicationLag reading = read(changeLabel);
            behind = reading == null ? List.of() : reading.behindMoreThan(limits.maxLagBytes());
            if (behind.isEmpty()) {
                log.info(changeLabel + ": standbys within " + Sizes.format(limits.maxLagBytes()) + " again after "
                        + time(nanoClock.getAsLong() - start) + "; going on with " + where);
                return;
            }
        }
    }

    /** The lag, or null (and no throttle from now on) when it cannot be read. */
    private ReplicationLag read(String changeLabel) {
        try {
            return lag.read();
        } catch (SQLException e) {
            disabled = true;
            log.warn(changeLabel + ": cannot read the replication lag from pg_stat_replication (" + e.getMessage()
                    + "); the walk does not wait for standbys");
            return null;
        }
    }

    private static String describe(List<ReplicationLag.Standby> behind) {
        return behind.stream().map(s -> "standby " + s.label() + ", " + Sizes.format(s.bytesBehind()) + " behind")
                .collect(Collectors.joining("; "));
    }

    /** 7 s, 2 min 5 s. */
    static String time(long nanos) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
}
