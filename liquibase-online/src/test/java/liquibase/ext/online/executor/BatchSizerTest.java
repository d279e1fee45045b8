package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BatchSizerTest {

    private static final Duration TARGET = Duration.ofMillis(100);

    private static long ms(double millis) {
        return (long) (millis * 1_000_000);
    }

    private final BatchSizer sizer = BatchSizer.adaptive(TARGET, 1_000, 100, 100_000);

    @Test
    void aGivenSizeStaysFixed() {
        BatchSizer fixed = BatchSizer.forKeys(10_000, TARGET);

        assertThat(fixed.adaptive()).isFalse();
        assertThat(fixed.batchDone(10_000, ms(1))).isEqualTo(10_000);
        assertThat(fixed.batchDone(10_000, ms(10_000))).isEqualTo(10_000);
        assertThat(fixed.lockTimeout()).isEqualTo(10_000);
    }

    @Test
    void withoutASizeItStartsSmall() {
        BatchSizer adaptive = BatchSizer.forKeys(0, TARGET);

        assertThat(adaptive.adaptive()).isTrue();
        assertThat(adaptive.size()).isEqualTo(BatchSizer.START_KEYS);
    }

    /** The application's longest wait behind a batch is never longer than with the fixed size it replaced. */
    @Test
    void aKeyedWalkNeverGrowsPastTheFixedSizeItReplaced() {
        BatchSizer adaptive = BatchSizer.forKeys(0, TARGET);
        for (int i = 0; i < 20; i++) {
            adaptive.batchDone(adaptive.size(), ms(1));
        }

        assertThat(adaptive.size()).isEqualTo(10_000);
    }

    @Test
    void growsByAtMostHalfPerBatch() {
        assertThat(sizer.batchDone(1_000, ms(1))).isEqualTo(1_500);
        assertThat(sizer.batchDone(1_500, ms(1))).isEqualTo(2_250);
    }

    @Test
    void settlesWhereABatchTakesTheTargetTime() {
        // 20 µs a row: 5,000 rows take the target's 100 ms
        long size = sizer.size();
        for (int i = 0; i < 30; i++) {
            size = sizer.batchDone(size, ms(size * 0.02));
        }
        assertThat(size).isBetween(4_500L, 5_500L);
        assertThat(sizer.batchDone(size, ms(size * 0.02 * 1.05))).as("noise within the dead band").isEqualTo(size);
    }

    @Test
    void aSlowBatchShrinksTheSizeAtOnce() {
        assertThat(sizer.batchDone(8_000, ms(250))).as("2.5x the target: half, at most").isEqualTo(3_200);
        assertThat(sizer.batchDone(8_000, ms(1_000))).as("10x the target: to the ideal").isEqualTo(800);
    }

    @Test
    void aSomewhatSlowBatchShrinksTowardTheIdeal() {
        assertThat(sizer.batchDone(10_000, ms(150))).isEqualTo(6_666);
    }

    @Test
    void aLockTimeoutHalvesTheSize() {
        sizer.batchDone(1_000, ms(1));
        assertThat(sizer.lockTimeout()).isEqualTo(750);
        assertThat(sizer.lockTimeout()).isEqualTo(375);
    }

    @Test
    void staysWithinItsBounds() {
        for (int i = 0; i < 100; i++) {
            sizer.batchDone(sizer.size(), ms(0.001));
        }
        assertThat(sizer.size()).isEqualTo(100_000);
        for (int i = 0; i < 100; i++) {
            sizer.lockTimeout();
        }
        assertThat(sizer.size()).isEqualTo(100);
        assertThat(sizer.batchDone(100, ms(60_000))).isEqualTo(100);
    }

    @Test
    void refusesBadBounds() {
        assertThatThrownBy(() -> BatchSizer.adaptive(TARGET, 10, 100, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchSizer.adaptive(Duration.ZERO, 100, 100, 1_000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
