package liquibase.ext.online.catalog;

import java.util.List;

import liquibase.ext.online.plan.PostgresVersions;

/**
 * What the catalog says about a column whose type changes, read when the change starts.
 *
 * @param alreadyNewType the column already has the new type: nothing to do
 * @param noRewrite      PostgreSQL changes the type without rewriting the table (e.g. varchar(20) to varchar(50))
 * @param notNull        the column is NOT NULL, so the new column must be too
 * @param defaultSql     the column's default expression, or null
 * @param primaryKey     the primary key when it is on this column alone (name = constraint and index name), else null
 * @param indexes        plain indexes on this column alone, rebuilt on the new column
 * @param sequences      escaped sequences owned by the column (serial), moved to the new column
 * @param refusals       objects that depend on the column and that the change does not handle, described;
 *                       non-empty stops the change before its first statement
 * @param postgresMajor  the server's major version, which decides how the shadow column gets NOT NULL
 */
public record ColumnTypeFacts(boolean alreadyNewType, boolean noRewrite, boolean notNull, String defaultSql,
                              ShadowIndex primaryKey, List<ShadowIndex> indexes, List<String> sequences,
                              List<String> refusals, int postgresMajor) {

    public ColumnTypeFacts {
        indexes = List.copyOf(indexes);
        sequences = List.copyOf(sequences);
        refusals = List.copyOf(refusals);
    }

    /** On the oldest supported server version. */
    public ColumnTypeFacts(boolean alreadyNewType, boolean noRewrite, boolean notNull, String defaultSql,
                           ShadowIndex primaryKey, List<ShadowIndex> indexes, List<String> sequences,
                           List<String> refusals) {
        this(alreadyNewType, noRewrite, notNull, defaultSql, primaryKey, indexes, sequences, refusals,
                PostgresVersions.MIN_MAJOR);
    }

    /** The same facts on server version {@code major}. */
    public ColumnTypeFacts onServer(int major) {
        return new ColumnTypeFacts(alreadyNewType, noRewrite, notNull, defaultSql, primaryKey, indexes, sequences,
                refusals, major);
    }

    /** Without a database (update-sql offline): the rewrite path, nothing known about constraints. */
    public static ColumnTypeFacts unknown() {
        return new ColumnTypeFacts(false, false, false, null, null, List.of(), List.of(), List.of());
    }

    /**
     * An index on the column alone, rebuilt CONCURRENTLY on the new column under {@code shadowName}, then given
     * the old name in the swap.
     *
     * @param name       escaped index name
     * @param shadowName escaped name of the index built on the new column
     * @param method     access method, e.g. {@code btree}
     * @param options    {@code DESC}, {@code NULLS FIRST} etc., with a leading blank, or empty
     */
    public record ShadowIndex(String name, String shadowName, boolean unique, String method, String options) {
    }
}
