package liquibase.ext.online.plan.partition;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;

/**
 * {@code addColumnOnline} on a declaratively partitioned table. What the plain plan does works there as it is:
 * {@code ADD COLUMN} and {@code SET DEFAULT} recurse to every partition (catalog only; a non-volatile default is
 * stored in the catalog of each partition), the backfill walks the root by its primary key, which holds the
 * partition key, so each batch probes every leaf's primary key index (one short transaction), and a CHECK added
 * NOT VALID on the root, its VALIDATE and SET NOT NULL recurse. What does not work there is refused at start,
 * before the column is added: an index built CONCURRENTLY (unique or createIndex), which PostgreSQL refuses on a
 * partitioned table, and (PostgreSQL 12-17) a foreign key added NOT VALID.
 */
public final class PartitionedColumnPlanner {

    private PartitionedColumnPlanner() {
    }

    /**
     * @param tree          the table's partition tree, or null when it is not partitioned
     * @param postgresMajor the server's major version
     */
    public static Plan plan(Plan plain, AddColumnSpec spec, PartitionTree tree, int postgresMajor) {
        if (tree == null) {
            return plain;
        }
        String table = spec.table().sql();
        for (NewColumn column : spec.columns()) {
            if (column.unique() != null) {
                return PartitionedForeignKeyPlanner.refused(plain, Messages.partitionedNotSupported(
                        spec.changeLabel(), "addColumnOnline with unique=\"true\"", table,
                        "CREATE UNIQUE INDEX CONCURRENTLY cannot build an index on a partitioned table (and a unique "
                                + "constraint there must include the partition key)",
                        "Add the column without unique, then add the constraint with addUniqueConstraintOnline."));
            }
            if (column.index() != null) {
                return PartitionedForeignKeyPlanner.refused(plain, Messages.partitionedNotSupported(
                        spec.changeLabel(), "addColumnOnline with createIndex=\"true\"", table,
                        "CREATE INDEX CONCURRENTLY cannot build an index on a partitioned table",
                        "Add the column without createIndex, then build the index with createIndexConcurrently."));
            }
            if (column.foreignKey() != null
                    && postgresMajor < PostgresVersions.NOT_VALID_FOREIGN_KEY_ON_PARTITIONED_SINCE) {
                return PartitionedForeignKeyPlanner.refused(plain, Messages.partitionedNotSupported(
                        spec.changeLabel(), "addColumnOnline with references on PostgreSQL " + postgresMajor, table,
                        "PostgreSQL before 18 cannot add a NOT VALID foreign key to a partitioned table",
                        "Add the column without references, then add the key with addForeignKeyConstraintOnline, "
                                + "which adds it partition by partition."));
            }
        }
        return plain;
    }
}
