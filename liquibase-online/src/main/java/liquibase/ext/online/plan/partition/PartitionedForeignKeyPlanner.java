package liquibase.ext.online.plan.partition;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.constraint.ConstraintPlanner;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.ForeignKeySpec;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;

/**
 * {@code addForeignKeyConstraintOnline} on a declaratively partitioned referencing table, decided when the change
 * starts from the server version and the partition tree.
 * <ul>
 * <li>PostgreSQL 18+: the plain plan; the server takes {@code NOT VALID} on a partitioned table and
 * {@code VALIDATE} recurses to every partition under SHARE UPDATE EXCLUSIVE.</li>
 * <li>PostgreSQL 12-17 refuse {@code NOT VALID} foreign keys on partitioned tables. Each leaf gets the key under
 * the parent's name {@code NOT VALID} (no scan) and validated (SHARE UPDATE EXCLUSIVE); then the key is added to the
 * root without {@code NOT VALID}: PostgreSQL attaches the validated keys of the partitions instead of scanning
 * them, and adds the key to the partitioned partitions in between.</li>
 * </ul>
 * Every step is guarded by the catalog, so a rerun skips the leaves already done and validates those left NOT
 * VALID. Pure: the tree and version come in.
 */
public final class PartitionedForeignKeyPlanner {

    private PartitionedForeignKeyPlanner() {
    }

    /**
     * @param tree          the referencing table's partition tree, or null when it is not partitioned
     * @param postgresMajor the server's major version
     */
    public static Plan plan(ForeignKeySpec spec, PartitionTree tree, int postgresMajor) {
        if (tree == null) {
            return ConstraintPlanner.foreignKey(spec);
        }
        if (spec.index() != null) {
            return refused(ConstraintPlanner.foreignKey(spec), Messages.partitionedNotSupported(spec.changeLabel(),
                    "addForeignKeyConstraintOnline with createIndex=\"true\"", spec.base().sql(),
                    "CREATE INDEX CONCURRENTLY cannot build an index on a partitioned table",
                    "Build the index on the referencing columns first (createIndexConcurrently), then add the key "
                            + "without createIndex."));
        }
        if (postgresMajor >= PostgresVersions.NOT_VALID_FOREIGN_KEY_ON_PARTITIONED_SINCE) {
            return ConstraintPlanner.foreignKey(spec);
        }
        String root = spec.base().sql();
        String definition = "FOREIGN KEY (" + String.join(", ", spec.baseColumns()) + ") REFERENCES "
                + spec.referenced().sql() + " (" + String.join(", ", spec.referencedColumns()) + ")" + spec.options();
        List<Step> steps = new ArrayList<>();
        for (PartitionTree.Partition leaf : tree.leaves()) {
            String table = leaf.sql();
            steps.add(new SqlStep("add foreign key " + spec.name() + " to partition " + table
                    + " NOT VALID (no scan; checks new rows only)",
                    "ALTER TABLE " + table + " ADD CONSTRAINT " + spec.name() + " " + definition + " NOT VALID",
                    LockLevel.SHARE_ROW_EXCLUSIVE, table, true, spec.retry(), CatalogGuards.constraintExists(table,
                    spec.name())));
            steps.add(new SqlStep("validate foreign key " + spec.name() + " of partition " + table
                    + ": scans it while reads and writes go on",
                    "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + spec.name(), LockLevel.SHARE_UPDATE_EXCLUSIVE,
                    table, true, spec.retry(), CatalogGuards.constraintValidated(table, spec.name())));
        }
        steps.add(new SqlStep("add foreign key " + spec.name() + " to " + root + ": attaches the validated keys of "
                + "its partitions (catalog only, no scan); SHARE ROW EXCLUSIVE on " + root + " and every partition, "
                + "ACCESS EXCLUSIVE on " + spec.referenced().sql(),
                "ALTER TABLE " + root + " ADD CONSTRAINT " + spec.name() + " " + definition,
                LockLevel.ACCESS_EXCLUSIVE, root, true, spec.retry(), CatalogGuards.constraintExists(root,
                spec.name()), CatalogGuards.constraintValidated(root, spec.name()), null));
        Plan plain = ConstraintPlanner.foreignKey(spec);
        return new Plan(spec.changeLabel(), plain.preconditions(), steps);
    }

    /** The plan with a refusal first: nothing runs, the change fails at start with {@code message}. */
    static Plan refused(Plan plan, String message) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.Refused(message));
        preconditions.addAll(plan.preconditions());
        return new Plan(plan.changeLabel(), preconditions, plan.steps());
    }
}
