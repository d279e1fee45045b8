package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.ColumnTypeCatalog;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.naming.ColumnTypeNames;
import liquibase.ext.online.plan.type.ColumnTypePlanner;
import liquibase.ext.online.plan.Plan;
import liquibase.structure.core.Column;

/**
 * The contract step of {@code changeColumnTypeOnline}: drops {@code <column>_old} once every application instance
 * uses the new type. Catalog only, under lock_timeout.
 */
@DatabaseChange(name = "completeColumnTypeChange",
        description = "Drops <column>_old, which changeColumnTypeOnline kept after its swap; run it once every "
                + "application instance uses the new column. Catalog only, under lock_timeout. Refused when the "
                + "column does not exist or something depends on it. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class CompleteColumnTypeChangeChange extends AbstractOnlineTableChange {

    private String columnName;

    @DatabaseChangeProperty(description = "The column whose type changeColumnTypeOnline changed (not the _old "
            + "name)", exampleValue = "id", requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getColumnName() {
        return columnName;
    }

    public void setColumnName(String columnName) {
        this.columnName = columnName;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        if (isBlank(getTableName())) {
            errors.addError(Messages.required(change, "tableName"));
        }
        if (isBlank(columnName)) {
            errors.addError(Messages.required(change, "columnName"));
        }
    }

    @Override
    protected Plan plan(Database database) {
        return ColumnTypePlanner.complete(changeLabel(), table(database), old(database), List.of(), retryPolicy());
    }

    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        String table = table(database).sql();
        String old = old(database);
        List<String> dependents = new ColumnTypeCatalog(connection, n -> database.escapeObjectName(n, Column.class))
                .dependentsOf(table, old);
        List<String> refusals;
        if (dependents == null) {
            refusals = List.of(Messages.noOldColumnToComplete(old, table));
        } else if (!dependents.isEmpty()) {
            refusals = List.of(Messages.oldColumnStillUsed(old, table, dependents));
        } else {
            refusals = List.of();
        }
        return ColumnTypePlanner.complete(changeLabel(), table(database), old, refusals, retryPolicy());
    }

    private String old(Database database) {
        return database.escapeObjectName(ColumnTypeNames.old(String.valueOf(columnName)), Column.class);
    }

    @Override
    public String getConfirmationMessage() {
        return "Old column " + getTableName() + "." + ColumnTypeNames.old(String.valueOf(columnName)) + " dropped";
    }
}
