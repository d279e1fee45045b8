package liquibase.ext.online.plan;

import java.util.List;

/**
 * One column an {@code addColumnOnline} change adds, with every name already escaped for SQL and every
 * generated name already chosen, so planning is pure string work.
 *
 * @param name        escaped column name
 * @param type        SQL type as Liquibase translates it for PostgreSQL, e.g. {@code VARCHAR(20)}
 * @param defaultSql  the default as SQL (a literal or an expression), or null
 * @param defaultKind whether the default is a literal or an expression whose volatility the database decides
 * @param notNull     the column must end NOT NULL
 * @param remarks     the column comment as an SQL string literal, or null
 * @param notNullCheck escaped name of the temporary {@code CHECK (col IS NOT NULL)} used to set NOT NULL safely
 * @param notNullName  escaped name for the NOT NULL constraint PostgreSQL 18+ keeps, or null for PostgreSQL's own
 * @param unique      the unique constraint (and its index, same name), or null
 * @param foreignKey  the foreign key, or null
 * @param check       the check constraint, or null
 * @param index       escaped name of a plain index on the column, or null
 * @param valueSql    what the rows that exist when the change starts are set to (a {@code value*} attribute, as
 *                    SQL, written as core {@code addColumn}'s UPDATE writes it), or null
 */
public record NewColumn(String name, String type, String defaultSql, DefaultKind defaultKind, boolean notNull,
                        String remarks, String notNullCheck, String notNullName, String unique, ForeignKey foreignKey,
                        Check check, String index, String valueSql) {

    /** The same column without a value for existing rows: what an empty table needs. */
    public NewColumn withoutValue() {
        return new NewColumn(name, type, defaultSql, defaultKind, notNull, remarks, notNullCheck, notNullName, unique,
                foreignKey, check, index, null);
    }

    /** How the default was given; an expression may be volatile, which only the database can tell. */
    public enum DefaultKind {
        NONE, LITERAL, EXPRESSION
    }

    /**
     * @param name              escaped constraint name
     * @param referenced        the referenced table
     * @param referencedColumns escaped referenced column names
     * @param attribute         the changelog attribute that named the reference, for messages
     * @param options           e.g. {@code " ON DELETE CASCADE"}, or empty
     */
    public record ForeignKey(String name, TableRef referenced, List<String> referencedColumns, String attribute,
                             String options) {
        public ForeignKey {
            referencedColumns = List.copyOf(referencedColumns);
        }
    }

    /** @param name escaped constraint name; @param expression the condition as written in the changelog */
    public record Check(String name, String expression) {
    }
}
