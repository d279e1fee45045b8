package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;

/**
 * The block-range walks of a backfill on a table without a usable key. A plain table is one walk. A partitioned
 * table has no blocks of its own and its ctids are per partition, so each leaf partition is walked by itself, one
 * after the other ({@link PartitionTree#leaves()}), each with its own bound in blocks read when its walk starts and
 * its own position: the step's description with the leaf's name, so a rerun resumes in the leaf where the killed
 * run stopped (leaves an earlier run finished are walked again, as a finished block walk always is; the filter
 * makes that change nothing).
 */
final class LeafWalks {

    /** One walk: the step on one table, and that table's estimated rows. */
    record Leaf(BackfillStep step, long estimatedRows) {
    }

    private LeafWalks() {
    }

    static List<Leaf> of(String changeLabel, Connection connection, Catalog catalog, BackfillStep step,
                         long estimatedRows)
            throws OnlineChangeException {
        try {
            Optional<PartitionTree> tree = PartitionTree.read(connection, step.table());
            if (tree.isEmpty()) {
                return List.of(new Leaf(step, estimatedRows));
            }
            List<Leaf> leaves = new ArrayList<>();
            for (PartitionTree.Partition leaf : tree.get().leaves()) {
                Optional<Long> oid = catalog.tableOid(leaf.sql());
                leaves.add(new Leaf(new BackfillStep(step.description() + " - partition " + leaf.sql(), leaf.sql(),
                        step.column(), step.valueSql(), step.where(), step.keyColumns(), step.batchSize(),
                        step.pauseMillis(), step.retry()), oid.isEmpty() ? -1 : catalog.estimatedRows(oid.get())));
            }
            return leaves;
        } catch (SQLException e) {
            throw new OnlineChangeException(changeLabel + ": could not read the partitions of " + step.table() + ": "
                    + e.getMessage(), e);
        }
    }
}
