package liquibase.ext.online.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy =
            new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMillis(500), Duration.ofSeconds(3));

    @Test
    void tenRetriesMeanElevenAttempts() {
        assertThat(policy.attempts()).isEqualTo(11);
    }

    @Test
    void thePauseDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofMillis(2000));
        assertThat(policy.delayBefore(5)).isEqualTo(Duration.ofMillis(3000));
        assertThat(policy.delayBefore(11)).isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void theLockTimeoutIsWrittenInMillisecondsForPostgresql() {
        assertThat(policy.lockTimeoutSql()).isEqualTo("'1000ms'");
    }

    @Test
    void aZeroLockTimeoutIsRefusedBecausePostgresqlWouldWaitForever() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
