package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.catalog.KeyColumn;

class BlockRangesTest {

    @Test
    void rowsPerBlockComeFromThePlannerStatisticsOrAnAssumptionWhenNeverAnalyzed() {
        assertThat(BlockRanges.rowsPerBlock(30_000, 200)).isEqualTo(150.0);
        assertThat(BlockRanges.rowsPerBlock(-1, 0)).isEqualTo(BlockRanges.UNKNOWN_ROWS_PER_BLOCK);
        assertThat(BlockRanges.rowsPerBlock(0, 10)).isEqualTo(BlockRanges.UNKNOWN_ROWS_PER_BLOCK);
        assertThat(BlockRanges.rowsPerBlock(500, 0)).isEqualTo(BlockRanges.UNKNOWN_ROWS_PER_BLOCK);
    }

    @Test
    void aBatchHasAtMostBatchSizeRowsAndAtLeastOneBlock() {
        assertThat(BlockRanges.blocksPerBatch(10_000, 150)).isEqualTo(66);
        assertThat(BlockRanges.blocksPerBatch(300, 150)).isEqualTo(2);
        assertThat(BlockRanges.blocksPerBatch(299, 150)).isEqualTo(1);
        assertThat(BlockRanges.blocksPerBatch(100, 150)).isEqualTo(1);
        assertThat(BlockRanges.blocksPerBatch(1, 0.5)).isEqualTo(2);
        assertThat(BlockRanges.blocksPerBatch(50, 0)).isEqualTo(50);
    }

    @Test
    void theLastBatchEndsAtTheBlockCountReadWhenTheWalkStarted() {
        assertThat(BlockRanges.end(0, 66, 200)).isEqualTo(66);
        assertThat(BlockRanges.end(198, 66, 200)).isEqualTo(200);
        assertThat(BlockRanges.end(134, 66, 200)).isEqualTo(200);
        assertThat(BlockRanges.end(Long.MAX_VALUE - 1, 66, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void batchesRoundUp() {
        assertThat(BlockRanges.batches(0, 10)).isZero();
        assertThat(BlockRanges.batches(1, 10)).isEqualTo(1);
        assertThat(BlockRanges.batches(200, 66)).isEqualTo(4);
        assertThat(BlockRanges.batches(198, 66)).isEqualTo(3);
    }

    @Test
    void aRangeIsHalfOpenOnTupleIdsAtTheStartOfItsBlocks() {
        assertThat(BlockRanges.range(66, 132)).isEqualTo("ctid >= '(66,0)'::tid AND ctid < '(132,0)'::tid");
    }

    @Test
    void onlyTheBlockKeyMeansABlockWalk() {
        assertThat(BlockRanges.isBlockWalk(List.of(KeyColumn.BLOCKS))).isTrue();
        assertThat(BlockRanges.isBlockWalk(List.of(new KeyColumn("id", "integer")))).isFalse();
        assertThat(BlockRanges.isBlockWalk(List.of(KeyColumn.BLOCKS, new KeyColumn("id", "integer")))).isFalse();
        assertThat(BlockRanges.isBlockWalk(null)).isFalse();
    }
}
