package liquibase.ext.online.plan;

/**
 * A column an {@code addNotNullConstraintOnline} change makes NOT NULL, with every name escaped.
 *
 * @param column         escaped column name
 * @param fillSql        the value for rows where the column IS NULL, as SQL, or null: then there must be none
 * @param helperCheck    escaped name of the {@code CHECK (col IS NOT NULL)} used before PostgreSQL 18
 * @param constraintName escaped name of the NOT NULL constraint on PostgreSQL 18+
 */
public record NotNullSpec(String changeLabel, TableRef table, String column, String fillSql, String helperCheck,
                          String constraintName, int batchSize, long pauseMillis, RetryPolicy retry) {
}
