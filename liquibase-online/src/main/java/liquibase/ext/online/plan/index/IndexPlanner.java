package liquibase.ext.online.plan.index;

import java.util.ArrayList;
import java.util.List;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.IndexShape;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.TableRef;

/**
 * Plans for {@code createIndexConcurrently} and {@code dropIndexConcurrently}: each is one statement that lets
 * the application read and write while it runs, plus the clean-up of an INVALID index an interrupted build left.
 */
public final class IndexPlanner {

    private IndexPlanner() {
    }

    public static Plan create(IndexSpec spec) {
        String table = spec.table().sql();
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.table()));
        spec.plainColumns().forEach(c -> preconditions.add(new Precondition.ColumnExists(spec.table(), c, "column")));
        preconditions.add(new Precondition.IndexNameFree(spec.table(), spec.name(), "indexName",
                IndexShape.of(spec.unique(), spec.keys(), spec.plainColumns(), spec.where() != null)));
        if (spec.unique()) {
            preconditions.add(new Precondition.NoDuplicates(spec.table(), spec.keys(), spec.where(),
                    CatalogGuards.validIndexExists(table, spec.name())));
        }
        List<Step> steps = new ArrayList<>(IndexSteps.buildConcurrently("build " + (spec.unique() ? "unique " : "")
                + "index " + spec.name() + " on " + table + " concurrently", table, spec.schemaPrefix(), spec.name(),
                spec.createSql(), spec.retry()));
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    /** The inverse of {@link #create}; also what dropIndexConcurrently runs. */
    public static Plan drop(String changeLabel, TableRef table, String qualifiedIndex, RetryPolicy retry) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.DroppableIndex(table, qualifiedIndex));
        return new Plan(changeLabel, preconditions, List.of(IndexSteps.dropConcurrently("drop index "
                + qualifiedIndex + " concurrently (if it exists)", table == null ? null : table.sql(), qualifiedIndex,
                retry)));
    }
}
