package liquibase.ext.online.plan.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.catalog.PartitionTree.Partition;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.naming.Identifiers;
import liquibase.ext.online.plan.IndexShape;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.TableRef;

/**
 * Plans for indexes and unique constraints on a declaratively partitioned table, made from the catalog when the
 * change starts. PostgreSQL cannot build an index CONCURRENTLY on a partitioned table, and a plain build there
 * holds SHARE on every partition for the whole build; instead:
 * <ol>
 *     <li>each partitioned table (the root, then sub-partitioned partitions) gets its index {@code ON ONLY}: no
 *     scan, INVALID until every partition's index is attached;</li>
 *     <li>each leaf gets its index built {@code CONCURRENTLY} (SHARE UPDATE EXCLUSIVE on that leaf), then attached
 *     with {@code ALTER INDEX ... ATTACH PARTITION} (catalog only);</li>
 *     <li>the indexes of sub-partitioned partitions are attached bottom-up; the root's index becomes valid with
 *     the last one, which a final step checks.</li>
 * </ol>
 * Every step is guarded, so a rerun after an interruption skips leaves whose index is built and attached and
 * rebuilds an INVALID leftover.
 */
public final class PartitionedIndexPlanner {

    /** The lock {@code ALTER INDEX ... ATTACH PARTITION} takes, measured on PostgreSQL 12 and 18. */
    static final String ATTACH_LOCKS = "ACCESS EXCLUSIVE on the partition's index only; SHARE UPDATE EXCLUSIVE on "
            + "the parent index, ACCESS SHARE on both tables";

    private PartitionedIndexPlanner() {
    }

    /**
     * createIndexConcurrently on a partitioned table.
     *
     * @param keys the partition key of each partitioned table of the tree ({@code PartitionKeys.read})
     */
    public static Plan create(IndexSpec spec, PartitionTree tree, Map<String, List<String>> keys) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.table()));
        spec.plainColumns().forEach(c -> preconditions.add(new Precondition.ColumnExists(spec.table(), c, "column")));
        if (spec.unique()) {
            refuseWithoutPartitionKey(spec, tree, keys, "the nested columns").ifPresent(preconditions::add);
        }
        IndexShape shape = IndexShape.of(spec.unique(), spec.keys(), spec.plainColumns(), spec.where() != null);
        String rawName = SqlNames.unquote(spec.name());
        Names names = new Names(tree, spec.name(), rawName);
        preconditions.add(new Precondition.IndexNameFree(spec.table(), spec.name(), "indexName", shape));
        for (Partition p : tree.partitions()) {
            preconditions.add(new Precondition.IndexNameFree(ref(p), names.index(p),
                    "the index name for partition " + p.sql() + " (made from indexName)", shape));
        }
        if (spec.unique()) {
            preconditions.add(new Precondition.NoDuplicates(spec.table(), spec.keys(), spec.where(),
                    PartitionGuards.indexValid(names.qualified(tree.root()))));
        }

        String definition = " (" + String.join(", ", spec.keyParts()) + ")"
                + (spec.tablespace() == null ? "" : " TABLESPACE " + spec.tablespace())
                + (spec.where() == null ? "" : " WHERE " + spec.where());
        String unique = spec.unique() ? "UNIQUE " : "";
        RetryPolicy retry = spec.retry();
        List<Step> steps = new ArrayList<>();
        for (Partition p : tree.partitionedTables()) {
            String index = names.index(p);
            steps.add(new SqlStep("create " + unique.toLowerCase(Locale.ROOT) + "index " + index + " on only "
                    + p.sql() + " (no scan; INVALID until every partition's index is attached)",
                    "CREATE " + unique + "INDEX IF NOT EXISTS " + index + " ON ONLY " + p.sql() + definition,
                    LockLevel.SHARE, p.sql(), true, retry, PartitionGuards.indexOn(p.sql(), names.qualified(p))));
        }
        for (Partition leaf : tree.leaves()) {
            String index = names.index(leaf);
            steps.addAll(IndexSteps.buildConcurrently("build " + unique.toLowerCase(Locale.ROOT) + "index " + index
                            + " on partition " + leaf.sql() + " concurrently", leaf.sql(),
                    SqlNames.schemaPrefix(leaf.sql()), index,
                    "CREATE " + unique + "INDEX CONCURRENTLY IF NOT EXISTS " + index + " ON " + leaf.sql() + definition,
                    retry));
            steps.add(attach(names, tree, leaf, retry));
        }
        tree.partitions().stream().filter(Partition::partitioned)
                .sorted(Comparator.comparingInt(Partition::level).reversed())
                .forEach(p -> steps.add(attach(names, tree, p, retry)));
        String root = names.qualified(tree.root());
        steps.add(new SqlStep("check that index " + root + " is valid: every partition's index is attached",
                PartitionGuards.failUnless(PartitionGuards.indexValid(root), "index " + root + " on "
                        + tree.root().sql() + " is not valid: a partition has no index attached (was a partition "
                        + "added meanwhile?); run the update again"),
                LockLevel.NONE, tree.root().sql(), true, retry));
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    /**
     * dropIndexConcurrently (and createIndexConcurrently's rollback) on a partitioned index: PostgreSQL refuses
     * {@code DROP INDEX CONCURRENTLY} there, so it is a plain DROP INDEX, catalog only, under lock_timeout.
     */
    public static Plan drop(String changeLabel, TableRef table, String indexTable, String qualifiedIndex,
                            RetryPolicy retry) {
        return new Plan(changeLabel, List.of(new Precondition.DroppableIndex(table, qualifiedIndex)), List.of(
                new SqlStep("drop partitioned index " + qualifiedIndex + " with the indexes of its partitions ("
                        + "PostgreSQL cannot drop it concurrently: ACCESS EXCLUSIVE on " + indexTable + ", every "
                        + "partition and their indexes, catalog only, brief)",
                        "DROP INDEX IF EXISTS " + qualifiedIndex, LockLevel.ACCESS_EXCLUSIVE, indexTable, true,
                        retry)));
    }

    /**
     * addUniqueConstraintOnline on a partitioned table: on each leaf a unique index built CONCURRENTLY and turned
     * into the leaf's constraint, then {@code ADD CONSTRAINT ... UNIQUE} on the root, which finds the leaf
     * constraints and attaches them instead of building (sub-partitioned partitions get their constraint from
     * PostgreSQL, named as it names them).
     *
     * @param index       the root's index, named as the constraint
     * @param rawColumns  the columns as the changelog names them, for the leaf constraint names
     * @param options     e.g. {@code " DEFERRABLE"}, or empty
     */
    public static Plan unique(IndexSpec index, List<String> rawColumns, String options, PartitionTree tree,
                              Map<String, List<String>> keys) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(index.table()));
        index.plainColumns().forEach(c -> preconditions.add(new Precondition.ColumnExists(index.table(), c,
                "columnNames")));
        refuseWithoutPartitionKey(index, tree, keys, "columnNames").ifPresent(preconditions::add);
        IndexShape shape = IndexShape.of(true, index.keys(), index.plainColumns(), false);
        preconditions.add(new Precondition.IndexNameFree(index.table(), index.name(), "constraintName", shape));
        String rawName = SqlNames.unquote(index.name());
        String root = tree.root().sql();
        preconditions.add(new Precondition.NoDuplicates(index.table(), index.keys(), null,
                PartitionGuards.constraintOn(root, rawName)));

        String columns = String.join(", ", index.keys());
        String tablespace = index.tablespace() == null ? "" : " TABLESPACE " + index.tablespace();
        RetryPolicy retry = index.retry();
        List<Step> steps = new ArrayList<>();
        List<String[]> leafConstraints = new ArrayList<>();
        for (Partition leaf : tree.leaves()) {
            String raw = Identifiers.withSuffix(leaf.name() + "_" + String.join("_", rawColumns), "_key");
            String name = SqlNames.quote(raw);
            leafConstraints.add(new String[]{leaf.sql(), raw});
            preconditions.add(new Precondition.IndexNameFree(ref(leaf), name, "the constraint name for partition "
                    + leaf.sql(), shape));
            steps.addAll(IndexSteps.buildConcurrently("build unique index " + name + " on (" + columns
                            + ") of partition " + leaf.sql() + " concurrently", leaf.sql(),
                    SqlNames.schemaPrefix(leaf.sql()), name, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + name
                            + " ON " + leaf.sql() + " (" + columns + ")" + tablespace, retry));
            steps.add(new SqlStep("turn index " + name + " into partition " + leaf.sql() + "'s unique constraint "
                    + name + " (catalog only)", "ALTER TABLE " + leaf.sql() + " ADD CONSTRAINT " + name
                    + " UNIQUE USING INDEX " + name + options, LockLevel.ACCESS_EXCLUSIVE, leaf.sql(), true, retry,
                    PartitionGuards.constraintOn(leaf.sql(), raw)));
        }
        String attached = PartitionGuards.uniqueAttached(root, rawName, leafConstraints);
        steps.add(new SqlStep("add unique constraint " + index.name() + " on " + root + ": attaches the "
                + "partitions' constraints, no index build (catalog only; SHARE on every partition, ACCESS "
                + "EXCLUSIVE on " + root + ", on PostgreSQL 18 on every partition too, brief)",
                "ALTER TABLE " + root + " ADD CONSTRAINT " + index.name() + " UNIQUE (" + columns + ")"
                        + (index.tablespace() == null ? "" : " USING INDEX TABLESPACE " + index.tablespace())
                        + options,
                LockLevel.ACCESS_EXCLUSIVE, root, true, retry, PartitionGuards.constraintOn(root, rawName), attached,
                null));
        return new Plan(index.changeLabel(), preconditions, steps);
    }

    private static SqlStep attach(Names names, PartitionTree tree, Partition child, RetryPolicy retry) {
        Partition parent = tree.partitionedTables().stream().filter(p -> p.sql().equals(child.parentSql()))
                .findFirst().orElseThrow();
        String parentIndex = names.qualified(parent);
        String childIndex = names.qualified(child);
        return new SqlStep("attach index " + childIndex + " to " + parentIndex + " (catalog only; " + ATTACH_LOCKS
                + ", brief)", "ALTER INDEX " + parentIndex + " ATTACH PARTITION " + childIndex,
                LockLevel.ACCESS_EXCLUSIVE, child.sql(), true, retry,
                PartitionGuards.attached(parentIndex, childIndex));
    }

    /** A unique index on a partitioned table must hold every partition key column of every level. */
    private static java.util.Optional<Precondition> refuseWithoutPartitionKey(IndexSpec spec, PartitionTree tree,
                                                                             Map<String, List<String>> keys,
                                                                             String attribute) {
        List<String> given = spec.plainColumns().stream().map(PartitionedIndexPlanner::stored).toList();
        List<String> missing = new ArrayList<>();
        for (List<String> key : keys.values()) {
            for (String column : key) {
                String shown = column == null ? "<expression>" : SqlNames.quote(column);
                if ((column == null || !given.contains(column)) && !missing.contains(shown)) {
                    missing.add(shown);
                }
            }
        }
        if (missing.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> all = new ArrayList<>();
        keys.values().forEach(k -> k.forEach(c -> {
            String shown = c == null ? "<expression>" : SqlNames.quote(c);
            if (!all.contains(shown)) {
                all.add(shown);
            }
        }));
        return java.util.Optional.of(new Precondition.Refused(Messages.uniqueWithoutPartitionKey(spec.changeLabel(),
                attribute, spec.keys(), tree.root().sql(), all).substring(spec.changeLabel().length() + 2)));
    }

    /** An escaped column as PostgreSQL stores it: quoted as written, unquoted folded to lower case. */
    private static String stored(String escaped) {
        return escaped.startsWith("\"") ? SqlNames.unquote(escaped) : escaped.toLowerCase(Locale.ROOT);
    }

    private static TableRef ref(Partition p) {
        return new TableRef(null, p.name(), p.sql());
    }

    /** The index of each table of the tree: the root's is the changelog's, the others are made from it. */
    private record Names(PartitionTree tree, String rootIndex, String rawRootIndex) {

        String index(Partition p) {
            return p.level() == 0 ? rootIndex : SqlNames.quote(Identifiers.fit(p.name() + "_" + rawRootIndex));
        }

        String qualified(Partition p) {
            return SqlNames.schemaPrefix(p.sql()) + index(p);
        }
    }
}
