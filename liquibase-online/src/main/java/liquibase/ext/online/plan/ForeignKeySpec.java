package liquibase.ext.online.plan;

import java.util.List;

/**
 * A foreign key an {@code addForeignKeyConstraintOnline} change adds, with every name escaped.
 *
 * @param options      e.g. {@code " ON DELETE CASCADE DEFERRABLE"}, or empty
 * @param index        escaped name of an index on the referencing columns to build first, or null
 * @param schemaPrefix the escaped schema of the base table and a dot, to name that index in DROP INDEX
 */
public record ForeignKeySpec(String changeLabel, TableRef base, List<String> baseColumns, TableRef referenced,
                             List<String> referencedColumns, String name, String options, String index,
                             String schemaPrefix, RetryPolicy retry) {

    public ForeignKeySpec {
        baseColumns = List.copyOf(baseColumns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
