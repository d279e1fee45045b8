package liquibase.ext.online.plan;

/**
 * A column type change of {@code changeColumnTypeOnline}, names escaped as they appear in SQL.
 *
 * @param column        escaped column name
 * @param newType       the new type as SQL, e.g. {@code BIGINT}
 * @param castSql       the new value from the old column, an expression over {@code column}
 * @param reverseSql    the old value from the new one, an expression over {@code column} (then holding the new value)
 * @param shadow        escaped name of the shadow column, {@code <column>_new}
 * @param old           escaped name the old column keeps after the swap, {@code <column>_old}
 * @param function      escaped, schema-qualified name of the sync trigger's function
 * @param trigger       escaped name of the sync trigger
 * @param notNullCheck  escaped name of the helper {@code CHECK (shadow IS NOT NULL)} (before PostgreSQL 18)
 * @param shadowNotNull escaped name of the shadow column's NOT NULL constraint (PostgreSQL 18+)
 * @param notNull       escaped name that constraint gets in the swap, {@code <table>_<column>_not_null}
 * @param schemaPrefix  escaped schema and a dot, or empty, to name indexes
 */
public record ColumnTypeSpec(String changeLabel, TableRef table, String column, String newType, String castSql,
                             String reverseSql, String shadow, String old, String function, String trigger,
                             String notNullCheck, String shadowNotNull, String notNull, String schemaPrefix, int batchSize, long pauseMillis,
                             RetryPolicy retry) {
}
