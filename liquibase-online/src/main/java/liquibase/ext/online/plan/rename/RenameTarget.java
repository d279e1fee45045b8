package liquibase.ext.online.plan.rename;

import java.util.function.UnaryOperator;

import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.TableRef;

/**
 * One column rename as the planners need it. Names are escaped SQL, except where a catalog lookup needs them.
 *
 * @param columnType  type of the new column, or null for "the old column's type, from the catalog"
 * @param trigger     escaped trigger name
 * @param function    escaped, schema-qualified function name
 * @param quote       escapes a generated name (of a copied index or constraint) the way Liquibase does
 */
public record RenameTarget(String changeLabel, TableRef table, String oldColumn, String newColumn,
                           String columnType, String trigger, String function, int batchSize, long pauseMillis,
                           RetryPolicy retry, UnaryOperator<String> quote) {
}
