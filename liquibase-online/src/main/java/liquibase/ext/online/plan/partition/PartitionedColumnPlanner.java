package liquibase.ext.online.plan.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.ForeignKeySpec;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.column.AddColumnPlanner;

/**
 * {@code addColumnOnline} on a declaratively partitioned table. Most of the plain plan works there as it is:
 * {@code ADD COLUMN} and {@code SET DEFAULT} recurse to every partition (catalog only; a non-volatile default is
 * stored in the catalog of each partition), the backfill walks the root by its primary key, which holds the
 * partition key, so each batch probes every leaf's primary key index (one short transaction), and a CHECK added
 * NOT VALID on the root, its VALIDATE and SET NOT NULL recurse. What does not work there is planned per partition,
 * after the plain steps:
 * <ul>
 * <li>{@code createIndex}: PostgreSQL cannot build an index CONCURRENTLY on a partitioned table; the index is
 * built as {@link PartitionedIndexPlanner#create} builds it (ON ONLY on each partitioned table, CONCURRENTLY on
 * each leaf, attached bottom-up).</li>
 * <li>{@code references} on PostgreSQL 12-17, which refuse a NOT VALID foreign key on a partitioned table: the key
 * is added as {@link PartitionedForeignKeyPlanner} adds it (NOT VALID and validated on each leaf, then added to the
 * root, which attaches them). From 18 the plain plan's NOT VALID and VALIDATE on the root work.</li>
 * </ul>
 * {@code unique} is refused at start, before the column is added: a unique constraint on a partitioned table must
 * hold every partition key column, which a single new column cannot (stock addColumn fails there too).
 */
public final class PartitionedColumnPlanner {

    private PartitionedColumnPlanner() {
    }

    /**
     * @param tree the table's partition tree, or null when it is not partitioned
     */
    public static Plan plan(AddColumnSpec spec, AddColumnPlanner.Facts facts, PartitionTree tree) {
        if (tree == null) {
            return AddColumnPlanner.plan(spec, facts);
        }
        boolean foreignKeysPerLeaf =
                facts.postgresMajor() < PostgresVersions.NOT_VALID_FOREIGN_KEY_ON_PARTITIONED_SINCE;
        List<NewColumn> plainColumns = new ArrayList<>();
        for (NewColumn c : spec.columns()) {
            plainColumns.add(new NewColumn(c.name(), c.type(), c.defaultSql(), c.defaultKind(), c.notNull(),
                    c.remarks(), c.notNullCheck(), c.notNullName(), c.unique(),
                    foreignKeysPerLeaf ? null : c.foreignKey(), c.check(), null, c.valueSql()));
        }
        Plan plain = AddColumnPlanner.plan(new AddColumnSpec(spec.changeLabel(), spec.table(), spec.schemaPrefix(),
                plainColumns, spec.batchSize(), spec.pauseMillis(), spec.analyze(), spec.retry()), facts);
        String table = spec.table().sql();
        for (NewColumn column : spec.columns()) {
            if (column.unique() != null) {
                return PartitionedForeignKeyPlanner.refused(plain, Messages.partitionedNotSupported(
                        spec.changeLabel(), "addColumnOnline with unique=\"true\"", table,
                        "a unique constraint on a partitioned table must include every partition key column, which "
                                + "a new column alone cannot (stock addColumn fails there too)",
                        "Add the column without unique, then add a constraint on the column and the partition key "
                                + "with addUniqueConstraintOnline, which builds it partition by partition."));
            }
        }
        List<Precondition> preconditions = new ArrayList<>(plain.preconditions());
        List<Step> steps = new ArrayList<>(plain.steps());
        for (NewColumn column : spec.columns()) {
            NewColumn.ForeignKey fk = column.foreignKey();
            if (fk != null && foreignKeysPerLeaf) {
                preconditions.add(new Precondition.ReferencedColumns(fk.referenced(), fk.referencedColumns(),
                        fk.attribute()));
                // the per-leaf steps skip a leaf whose constraint has the name: only one of this definition may
                preconditions.add(new Precondition.ConstraintFits(spec.table(), fk.name(), "foreignKeyName",
                        ConstraintShape.foreignKey(List.of(column.name()), fk.referenced(), fk.referencedColumns(),
                                fk.options())));
                steps.addAll(PartitionedForeignKeyPlanner.plan(new ForeignKeySpec(spec.changeLabel(), spec.table(),
                        List.of(column.name()), fk.referenced(), fk.referencedColumns(), fk.name(), fk.options(), null,
                        spec.schemaPrefix(), spec.retry()), tree, facts.postgresMajor()).steps());
            }
            if (column.index() != null) {
                Plan index = PartitionedIndexPlanner.create(index(spec, column), tree, Map.of());
                // the column is added by the steps before, so only the name checks apply at start
                index.preconditions().stream().filter(Precondition.IndexNameFree.class::isInstance)
                        .forEach(preconditions::add);
                steps.addAll(index.steps());
            }
        }
        return new Plan(plain.changeLabel(), preconditions, steps);
    }

    /**
     * The rollback on a partitioned table: PostgreSQL cannot drop a partitioned index CONCURRENTLY, so the
     * column's index goes with a plain {@code DROP INDEX IF EXISTS} (catalog only, brief), as
     * {@link PartitionedIndexPlanner#drop} drops it.
     */
    public static Plan rollback(Plan plain, AddColumnSpec spec, PartitionTree tree) {
        if (tree == null) {
            return plain;
        }
        List<Step> steps = new ArrayList<>();
        for (Step step : plain.steps()) {
            Step replaced = step;
            for (NewColumn column : spec.columns()) {
                String qualified = spec.schemaPrefix() + column.index();
                if (column.index() != null && step instanceof SqlStep s
                        && s.sql().equals("DROP INDEX CONCURRENTLY IF EXISTS " + qualified)) {
                    replaced = PartitionedIndexPlanner.drop(plain.changeLabel(), spec.table(), spec.table().sql(),
                            qualified, spec.retry()).steps().get(0);
                }
            }
            steps.add(replaced);
        }
        return new Plan(plain.changeLabel(), plain.preconditions(), steps);
    }

    private static IndexSpec index(AddColumnSpec spec, NewColumn column) {
        List<String> keys = List.of(column.name());
        return new IndexSpec(spec.changeLabel(), spec.table(), spec.schemaPrefix(), column.index(), false, keys, keys,
                keys, null, null, spec.retry());
    }
}
