package liquibase.ext.online.plan;

import java.util.List;

/**
 * Everything {@link liquibase.ext.online.plan.column.AddColumnPlanner} needs to know about one {@code addColumnOnline} change.
 *
 * @param schemaPrefix the escaped schema and a dot, to name indexes in DROP INDEX; empty for the default schema
 * @param analyze      null: ANALYZE when rows are backfilled; true/false: always/never
 */
public record AddColumnSpec(String changeLabel, TableRef table, String schemaPrefix, List<NewColumn> columns,
                            int batchSize,
                            long pauseMillis, Boolean analyze, RetryPolicy retry) {

    public AddColumnSpec {
        columns = List.copyOf(columns);
    }
}
