package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.Precondition;

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
            if (alreadyComplete(database, connection)) {
                return new Plan(changeLabel(), List.of(new Precondition.TableExists(table(database))), List.of());
            }
            refusals = List.of(Messages.noOldColumnToComplete(old, table));
        } else if (!dependents.isEmpty()) {
            refusals = List.of(Messages.oldColumnStillUsed(old, table, dependents));
        } else {
            refusals = List.of();
        }
        return ColumnTypePlanner.complete(changeLabel(), table(database), old, refusals, retryPolicy());
    }

    /**
     * This change's own finished work, done but not recorded (killed before Liquibase wrote DATABASECHANGELOG):
     * no {@code <column>_old}, no shadow column, no sync trigger or function left, and the column has the type of
     * the changeColumnTypeOnline for it found earlier in the changelog. Without that changeset the target type
     * is unknown, so a missing {@code <column>_old} stays an error.
     */
    private boolean alreadyComplete(Database database, Connection connection) throws SQLException {
        ChangeColumnTypeOnlineChange expand = expand();
        if (expand == null || expand.getNewDataType() == null) {
            return false;
        }
        String table = table(database).sql();
        String column = database.escapeObjectName(columnName, Column.class);
        String shadow = database.escapeObjectName(ColumnTypeNames.shadow(columnName), Column.class);
        String sync = database.escapeObjectName(ColumnTypeNames.sync(String.valueOf(getTableName()), columnName),
                Column.class);
        String newType = AddColumnSpecs.type(expand.getNewDataType(), database);
        boolean leftovers = new Catalog(connection).isTrue(ColumnTypePlanner.triggerExists(table, sync)
                + " OR " + CatalogGuards.columnExists(table, shadow)
                .substring("SELECT ".length()) + " OR to_regprocedure(" + CatalogGuards.literal(schemaPrefix(database)
                + sync + "()") + ") IS NOT NULL");
        if (leftovers || !new Catalog(connection).isTrue(CatalogGuards.columnExists(table, column))) {
            return false;
        }
        boolean done = new ColumnTypeCatalog(connection, n -> database.escapeObjectName(n, Column.class))
                .read(table, column, newType, false, true).alreadyNewType();
        if (done) {
            Scope.getCurrentScope().getLog(getClass()).info(changeLabel() + ": " + ColumnTypeNames.old(columnName)
                    + " is gone, no sync trigger is left and " + getTableName() + "." + columnName + " has the type "
                    + expand.getNewDataType() + ": the type change is already complete (not recorded by an earlier "
                    + "run); nothing to do");
        }
        return done;
    }

    /** The last changeColumnTypeOnline for this table and column in the changelog, or null. */
    private ChangeColumnTypeOnlineChange expand() {
        if (getChangeSet() == null || getChangeSet().getChangeLog() == null) {
            return null;
        }
        DatabaseChangeLog changeLog = getChangeSet().getChangeLog();
        DatabaseChangeLog root = changeLog.getRootChangeLog() != null ? changeLog.getRootChangeLog() : changeLog;
        ChangeColumnTypeOnlineChange found = null;
        for (ChangeSet changeSet : root.getChangeSets()) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof ChangeColumnTypeOnlineChange type
                        && Objects.equals(type.getTableName(), getTableName())
                        && Objects.equals(type.getSchemaName(), getSchemaName())
                        && Objects.equals(type.getColumnName(), columnName)) {
                    found = type;
                }
            }
        }
        return found;
    }

    private String old(Database database) {
        return database.escapeObjectName(ColumnTypeNames.old(String.valueOf(columnName)), Column.class);
    }

    @Override
    public String getConfirmationMessage() {
        return "Old column " + getTableName() + "." + ColumnTypeNames.old(String.valueOf(columnName)) + " dropped";
    }
}
