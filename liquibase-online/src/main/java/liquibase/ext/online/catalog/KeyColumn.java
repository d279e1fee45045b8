package liquibase.ext.online.catalog;

/**
 * A column of the key a table is walked by.
 *
 * @param sql  the column name quoted by PostgreSQL's {@code quote_ident} or Liquibase's escaping
 * @param type its SQL type as {@code format_type} prints it, to cast key values read back as text
 */
public record KeyColumn(String sql, String type) {

    /**
     * What a table without a usable key is walked by (physical block ranges); stands in for its key where one is
     * expected.
     */
    public static final KeyColumn BLOCKS = new KeyColumn("ctid", "tid");
}
