package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.catalog.ReplicationLag;
import liquibase.ext.online.catalog.ReplicationLag.Standby;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.logging.Logger;
import liquibase.ui.UIService;

/** The wait alone, on a fake clock; a real standby is in ReplicationLagIT. */
class ReplicationThrottleTest {

    private static final long MB = 1 << 20;
    private static final String CHANGE = "backfillInBatches in changeset db.xml::1::ann";
    private static final ReplicationThrottle.Limits LIMITS =
            new ReplicationThrottle.Limits(64 * MB, Duration.ofMinutes(10));

    private final List<String> logged = new ArrayList<>();
    private final UIService ui = mock(UIService.class);
    private final OnlineLog log = new OnlineLog(mock(Logger.class), ui);

    {
        doAnswer(call -> logged.add(call.getArgument(0))).when(ui).sendMessage(anyString());
    }

    private final Deque<ReplicationLag> readings = new ArrayDeque<>();
    private int reads;
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();

    private ReplicationThrottle throttle(ReplicationThrottle.Limits limits) {
        return new ReplicationThrottle(() -> {
            reads++;
            return readings.size() > 1 ? readings.poll() : readings.peek();
        }, log, limits, Duration.ofSeconds(5), () -> now, d -> {
            sleeps.add(d);
            now += d.toNanos();
        });
    }

    private static ReplicationLag lag(long... bytesBehind) {
        List<Standby> standbys = new ArrayList<>();
        for (int i = 0; i < bytesBehind.length; i++) {
            standbys.add(new Standby("replica" + (i + 1), "10.0.0." + (i + 1), bytesBehind[i]));
        }
        return new ReplicationLag(standbys, 0);
    }

    @Test
    void underTheLimitItGoesOnAtOnce() throws Exception {
        readings.add(lag(10 * MB, 63 * MB));

        throttle(LIMITS).beforeBatch(CHANGE, "the batch from key [1]");

        assertThat(sleeps).isEmpty();
        assertThat(logged).isEmpty();
    }

    @Test
    void aboveTheLimitItWaitsUntilTheFurthestStandbyIsBelowAndSaysWhyEveryFewSeconds() throws Exception {
        for (int i = 0; i < 24; i++) {
            readings.add(lag(10 * MB, 120 * MB));
        }
        readings.add(lag(10 * MB, 20 * MB));

        throttle(LIMITS).beforeBatch(CHANGE, "the batch from key [42]");

        assertThat(now).isEqualTo(Duration.ofSeconds(12).toNanos());
        assertThat(logged).hasSize(4);
        assertThat(logged.get(0)).isEqualTo(CHANGE + ": waiting before the batch from key [42] for standby "
                + "replica2 (10.0.0.2), 120 MB behind, limit 64 MB; waited 0 s of at most 10 min");
        assertThat(logged.get(1)).contains("waited 5 s");
        assertThat(logged.get(2)).contains("waited 10 s");
        assertThat(logged.get(3)).isEqualTo(CHANGE + ": standbys within 64 MB again after 12 s; going on with the "
                + "batch from key [42]");
    }

    @Test
    void afterMaxThrottleWaitItFailsSayingWhereTheWalkStoppedAndThatARerunResumes() {
        readings.add(lag(200 * MB, 70 * MB));
        ReplicationThrottle throttle = throttle(new ReplicationThrottle.Limits(64 * MB, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> throttle.beforeBatch(CHANGE, "the batch from key [7]"))
                .isInstanceOf(OnlineChangeException.class)
                .hasMessageStartingWith(CHANGE + ": stopped before the batch from key [7] after waiting 30 s for "
                        + "the standbys: standby replica1 (10.0.0.1), 200 MB behind; standby replica2 (10.0.0.2), "
                        + "70 MB behind, more than maxReplicationLag 64 MB.")
                .hasMessageContaining("a rerun resumes the walk where it stopped");
        assertThat(now).isEqualTo(Duration.ofSeconds(30).toNanos());
    }

    @Test
    void withoutStandbysItAsksAtMostOncePerSecond() throws Exception {
        readings.add(lag());
        ReplicationThrottle throttle = throttle(LIMITS);

        for (int i = 0; i < 100; i++) {
            throttle.beforeBatch(CHANGE, "a batch");
            now += Duration.ofMillis(50).toNanos();
        }

        assertThat(reads).isEqualTo(5);
        assertThat(sleeps).isEmpty();
        assertThat(logged).isEmpty();
    }

    @Test
    void offNeverAsks() throws Exception {
        readings.add(lag(500 * MB));
        ReplicationThrottle throttle = throttle(ReplicationThrottle.Limits.OFF);

        throttle.beforeBatch(CHANGE, "a batch");

        assertThat(reads).isZero();
    }

    @Test
    void aRoleThatMayNotSeeTheStandbysIsWarnedOnceAndNotHeldBack() throws Exception {
        readings.add(new ReplicationLag(List.of(), 2));
        ReplicationThrottle throttle = throttle(LIMITS);

        throttle.beforeBatch(CHANGE, "a batch");
        throttle.beforeBatch(CHANGE, "a batch");

        assertThat(reads).isEqualTo(1);
        assertThat(logged).singleElement().asString().startsWith("WARNING: " + CHANGE + ": cannot read how far the 2 "
                + "standby connection(s)").contains("GRANT pg_monitor");
    }

    @Test
    void aLagThatCannotBeReadIsWarnedOnceAndNotHeldBack() throws Exception {
        ReplicationThrottle throttle = new ReplicationThrottle(() -> {
            throw new SQLException("permission denied for view pg_stat_replication");
        }, log, LIMITS, Duration.ofSeconds(5), () -> now, d -> { });

        throttle.beforeBatch(CHANGE, "a batch");
        throttle.beforeBatch(CHANGE, "a batch");

        assertThat(logged).singleElement().asString().contains("permission denied");
    }

    @Test
    void anInterruptEndsTheWait() {
        readings.add(lag(100 * MB));
        ReplicationThrottle throttle = new ReplicationThrottle(readings::peek, log, LIMITS, Duration.ofSeconds(5),
                () -> now, d -> {
                    throw new InterruptedException();
                });

        assertThatThrownBy(() -> throttle.beforeBatch(CHANGE, "a batch"))
                .isInstanceOf(OnlineChangeException.class).hasMessageContaining("interrupted while waiting");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void timesReadForPeople() {
        assertThat(ReplicationThrottle.time(Duration.ofSeconds(7).toNanos())).isEqualTo("7 s");
        assertThat(ReplicationThrottle.time(Duration.ofSeconds(125).toNanos())).isEqualTo("2 min 5 s");
        assertThat(ReplicationThrottle.time(Duration.ofMinutes(10).toNanos())).isEqualTo("10 min");
    }
}
