package liquibase.ext.online.change;

import liquibase.change.ColumnConfig;
import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.core.UpdateStatement;

/**
 * The SQL a column's {@code value*} attribute sets existing rows to, written exactly as core {@code addColumn}
 * writes it: core adds an {@code UpdateStatement} with {@link ColumnConfig#getValueObject()} as the new value, so
 * the same statement is generated here by Liquibase's own generator and the expression after {@code SET c = } is
 * taken from it. Literals (strings, numbers, booleans, dates) and expressions ({@code valueComputed}, and a
 * {@code value} that looks like a function call) therefore come out as they do under stock Liquibase.
 */
final class ColumnValues {

    private ColumnValues() {
    }

    /** The value as SQL, or null when the column has no {@code value*} attribute. Pure: no database access. */
    static String valueSql(ColumnConfig column, Database database, String catalog, String schema, String table) {
        Object value = column.getValueObject();
        if (value == null || table == null || column.getName() == null) {
            return null; // without a table or a name validation has already failed; nothing to write
        }
        UpdateStatement update = new UpdateStatement(catalog, schema, table);
        update.addNewColumnValue(column.getName(), value);
        Sql[] sql = SqlGeneratorFactory.getInstance().generateSql(update, database);
        String text = sql[0].toSql();
        String prefix = "UPDATE " + database.escapeTableName(catalog, schema, table) + " SET "
                + database.escapeColumnName(catalog, schema, table, column.getName()) + " = ";
        if (sql.length != 1 || !text.startsWith(prefix)) {
            throw new IllegalStateException("unexpected SQL for the value of column " + column.getName() + ": " + text);
        }
        return text.substring(prefix.length());
    }
}
