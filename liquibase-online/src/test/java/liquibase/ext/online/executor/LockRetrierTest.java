package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.logging.Logger;
import liquibase.ui.UIService;

/** The retry loop alone; what PostgreSQL does on a real lock is covered by the integration tests. */
class LockRetrierTest {

    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofMillis(100), 3, Duration.ofMillis(10), Duration.ofMillis(40));

    private final Connection connection = mock(Connection.class);
    private final List<Duration> pauses = new ArrayList<>();
    private LockRetrier retrier;

    @BeforeEach
    void retrier() throws SQLException {
        when(connection.getAutoCommit()).thenReturn(false);
        OnlineLog log = new OnlineLog(mock(Logger.class), mock(UIService.class));
        retrier = new LockRetrier(connection, log, pauses::add);
    }

    @Test
    void retriesALockTimeoutWithGrowingPausesAndReturnsTheResult() throws Exception {
        int[] calls = {0};

        String result = retrier.run("c", "step", null, POLICY, () -> {
            if (++calls[0] < 3) {
                throw new SQLException("canceling statement due to lock timeout", "55P03");
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        verify(connection, times(2)).rollback();
    }

    @Test
    void retriesWhenPostgresqlPicksThisSessionAsADeadlockVictim() throws Exception {
        int[] calls = {0};

        retrier.run("c", "step", null, POLICY, () -> {
            if (++calls[0] == 1) {
                throw new SQLException("deadlock detected", "40P01");
            }
            return null;
        });

        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void givesUpAfterTheLastRetryAndSaysSo() {
        assertThatThrownBy(() -> retrier.run("backfillInBatches in changeset x::1::a", "batch", null, POLICY, () -> {
            throw new SQLException("canceling statement due to lock timeout", "55P03");
        }))
                .isInstanceOf(OnlineChangeException.class)
                .hasMessageContaining("step 'batch' could not get its lock within lock_timeout 100ms in 4 attempts");
        assertThat(pauses).hasSize(3);
    }

    @Test
    void doesNotRetryOtherErrors() {
        assertThatThrownBy(() -> retrier.run("c", "step", null, POLICY, () -> {
            throw new SQLException("division by zero", "22012");
        }))
                .isInstanceOf(OnlineChangeException.class)
                .hasMessage("c: step 'step' failed: division by zero");
        assertThat(pauses).isEmpty();
    }
}
