package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import liquibase.logging.Logger;
import liquibase.ui.UIService;

class BackfillProgressTest {

    private final UIService ui = mock(UIService.class);
    private final long[] now = {0};
    private final BackfillProgress progress = progress(1_000_000);

    @Test
    void reportsAtMostOncePerInterval() {
        now[0] = seconds(1);
        progress.batchDone(10_000, 10_000);
        now[0] = seconds(5);
        progress.batchDone(10_000, 10_000);
        now[0] = seconds(6);
        progress.batchDone(10_000, 10_000);

        verify(ui, times(1)).sendMessage(anyString());
    }

    @Test
    void saysHowFarItIsHowFastAndHowLongIsLeft() {
        now[0] = seconds(10);
        progress.batchDone(250_000, 240_000);

        assertThat(progress.line(now[0]))
                .isEqualTo("backfillInBatches: 250,000 of ~1,000,000 rows walked (25%), 240,000 updated, "
                        + "25,000 rows/s, about 30s left");
    }

    @Test
    void aResumedWalkCountsTheEarlierRunsRowsButNotInItsRate() {
        progress.resumeAfter(900_000, 850_000);
        now[0] = seconds(10);
        progress.batchDone(50_000, 50_000);

        assertThat(progress.line(now[0]))
                .isEqualTo("backfillInBatches: 950,000 of ~1,000,000 rows walked (95%), 900,000 updated, "
                        + "5,000 rows/s, about 10s left");
    }

    @Test
    void staysQuietBeforeTheFirstInterval() {
        now[0] = seconds(1);
        progress.batchDone(10, 10);

        verify(ui, never()).sendMessage(anyString());
    }

    /**
     * The estimate is the planner's, from the last ANALYZE, and a table that grew since has more rows up to the
     * walk's last key: the line then counts against what was walked, never past 100%.
     */
    @Test
    void neverReportsMoreRowsWalkedThanItsTotalWhenTheEstimateIsLow() {
        BackfillProgress stale = progress(1_000);
        now[0] = seconds(10);
        stale.batchDone(1_500, 1_500);

        assertThat(stale.line(now[0]))
                .isEqualTo("backfillInBatches: 1,500 of ~1,500 rows walked (100%), 1,500 updated, 150 rows/s");
    }

    /** A table never analyzed has no estimate (reltuples -1 from PostgreSQL 14 on, 0 before). */
    @Test
    void withoutAnEstimateSaysOnlyHowFarItIs() {
        BackfillProgress unknown = progress(-1);
        now[0] = seconds(10);
        unknown.batchDone(500, 400);

        assertThat(unknown.line(now[0])).isEqualTo("backfillInBatches: 500 rows walked, 400 updated, 50 rows/s");
    }

    @Test
    void showsTheCurrentBatchSize() {
        progress.batchSize(4_500, "rows");
        now[0] = seconds(10);
        progress.batchDone(250_000, 250_000);

        assertThat(progress.line(now[0])).endsWith(", about 30s left, batch 4,500 rows");
    }

    /** A walk that speeds up (an adaptive batch growing) tells the time left at its speed now. */
    @Test
    void theTimeLeftGoesByTheRecentRate() {
        for (int s = 1; s <= 120; s++) {
            now[0] = seconds(s);
            progress.batchDone(s <= 60 ? 1_000 : 5_000, 0);
        }
        // 360,000 walked; the last 60 s at 5,000 rows/s: 640,000 left take 128 s
        assertThat(progress.secondsLeft(now[0])).isCloseTo(128, org.assertj.core.data.Offset.offset(0.5));
    }

    /** A stale estimate does not matter when the walk knows its place in the key range. */
    @Test
    void theRowsLeftComeFromThePlaceInTheKeyRange() {
        BackfillProgress stale = progress(100_000);
        stale.position(0);
        now[0] = seconds(10);
        stale.position(0.5);
        stale.batchDone(400_000, 400_000);

        assertThat(stale.secondsLeft(now[0])).isCloseTo(10, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void theShareWalkedFollowsThePlaceInTheKeyRangeSoItAgreesWithTheTimeLeft() {
        BackfillProgress stale = progress(100_000);
        stale.position(0);
        now[0] = seconds(10);
        stale.position(0.5);
        stale.batchDone(400_000, 400_000);

        assertThat(stale.line(now[0])).startsWith("backfillInBatches: 400,000 of ~800,000 rows walked (50%)")
                .contains("about 10s left");
    }

    @Test
    void aShortTimeLeftHasTenths() {
        assertThat(BackfillProgress.formatSeconds(4.21)).isEqualTo("4.2s");
        assertThat(BackfillProgress.formatSeconds(42.9)).isEqualTo("42s");
        assertThat(BackfillProgress.formatSeconds(125)).isEqualTo("2m5s");
    }

    private BackfillProgress progress(long estimatedTotal) {
        return new BackfillProgress("backfillInBatches", estimatedTotal, Duration.ofSeconds(5),
                new OnlineLog(mock(Logger.class), ui), () -> now[0]);
    }

    private static long seconds(long s) {
        return s * 1_000_000_000L;
    }
}
