package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.ColumnTypeCatalog;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.catalog.ColumnTypeFacts;
import liquibase.ext.online.naming.ColumnTypeNames;
import liquibase.ext.online.naming.GeneratedNames;
import liquibase.ext.online.plan.type.ColumnTypePlanner;
import liquibase.ext.online.plan.ColumnTypeSpec;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;

/**
 * {@code modifyDataType} for busy tables. In place (one ALTER under lock_timeout) when PostgreSQL needs no
 * rewrite; otherwise through a shadow column kept in sync by a trigger, filled in batches and swapped in one
 * short transaction. The old column stays as {@code <column>_old} until {@code completeColumnTypeChange}.
 */
@DatabaseChange(name = "changeColumnTypeOnline",
        description = "Changes a column's type without blocking the application: in place when PostgreSQL needs no "
                + "table rewrite, else through a shadow column <column>_new kept in sync by a trigger, filled in "
                + "batches and swapped in one short transaction; the old column stays as <column>_old until "
                + "completeColumnTypeChange. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class ChangeColumnTypeOnlineChange extends AbstractBatchedChange {

    private String columnName;
    private String newDataType;
    private String castExpression;
    private String reverseCastExpression;

    @DatabaseChangeProperty(description = "Column whose type changes", exampleValue = "id",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getColumnName() {
        return columnName;
    }

    public void setColumnName(String columnName) {
        this.columnName = columnName;
    }

    @DatabaseChangeProperty(description = "The new type, as in modifyDataType", exampleValue = "bigint",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getNewDataType() {
        return newDataType;
    }

    public void setNewDataType(String newDataType) {
        this.newDataType = newDataType;
    }

    @DatabaseChangeProperty(description = "SQL giving the new value from the column, written with the column's "
            + "name (default CAST(<column> AS <newDataType>)); forces the shadow-column path",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getCastExpression() {
        return castExpression;
    }

    public void setCastExpression(String castExpression) {
        this.castExpression = castExpression;
    }

    @DatabaseChangeProperty(description = "SQL giving the old value from the new one, written with the column's "
            + "name (default: the value itself, converted to the old type on assignment)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getReverseCastExpression() {
        return reverseCastExpression;
    }

    public void setReverseCastExpression(String reverseCastExpression) {
        this.reverseCastExpression = reverseCastExpression;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        requireTableName(errors);
        required(errors, "columnName", columnName);
        required(errors, "newDataType", newDataType);
        if (castExpression != null && castExpression.isBlank()) {
            errors.addError(Messages.emptyCastExpression(change, columnName, newDataType));
        }
    }

    /** Without the database: the shadow-column path, nothing known about keys, defaults or indexes. */
    @Override
    protected Plan plan(Database database) {
        return ColumnTypePlanner.plan(spec(database, newType(database), castExpression, reverseCastExpression),
                ColumnTypeFacts.unknown());
    }

    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        String type = newType(database);
        ColumnTypeFacts facts = catalog(database, connection).read(table(database).sql(), column(database), type,
                castExpression != null);
        return ColumnTypePlanner.plan(spec(database, type, castExpression, reverseCastExpression), facts);
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /**
     * Reverts the swap by running the same shadow-column procedure back to the old type (taken from
     * {@code <column>_old}), so rows written since the swap keep their values; then drops what is left. Refused
     * when the type was changed in place or {@code completeColumnTypeChange} already dropped the old column.
     */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        String label = changeLabel() + " (rollback)";
        Plan offline = new Plan(label, List.of(new Precondition.TableExists(table(database))), List.of());
        return statements(database, offline, connection -> rollbackPlan(database, connection), null);
    }

    Plan rollbackPlan(Database database, Connection connection) throws SQLException {
        String label = changeLabel() + " (rollback)";
        String table = table(database).sql();
        String column = column(database);
        String name = columnName;
        String shadow = database.escapeObjectName(ColumnTypeNames.shadow(name), Column.class);
        String old = database.escapeObjectName(ColumnTypeNames.old(name), Column.class);
        ColumnTypeCatalog catalog = catalog(database, connection);
        String current = catalog.typeOf(table, column);
        String shadowType = catalog.typeOf(table, shadow);
        String oldType = catalog.typeOf(table, old);
        List<Precondition> checks = List.of(new Precondition.TableExists(table(database)),
                new Precondition.ColumnExists(table(database), column, "columnName"));
        if (current == null) {
            return new Plan(label, checks, List.of());
        }
        boolean stillNewType = catalog.read(table, column, newType(database), false, true).alreadyNewType();
        String target;
        if (shadowType != null) {
            target = shadowType;
        } else if (oldType != null && stillNewType) {
            target = oldType;
        } else if (oldType != null) {
            return new Plan(label, checks, List.of(dropOld(table, old, label)));
        } else if (!stillNewType) {
            return new Plan(label, checks, List.of());
        } else {
            List<Precondition> refused = new ArrayList<>(checks);
            refused.add(new Precondition.Refused(Messages.noOldColumnToGoBackTo(old)));
            return new Plan(label, refused, List.of());
        }
        String cast = reverseCastExpression == null ? "CAST(" + column + " AS " + target + ")" : reverseCastExpression;
        String reverse = castExpression == null ? column : castExpression;
        ColumnTypeSpec spec = spec(database, target, cast, reverse);
        ColumnTypeFacts facts = catalog.read(table, column, target, true, true);
        Plan forward = ColumnTypePlanner.plan(spec, facts);
        List<Step> steps = new ArrayList<>();
        for (Step step : forward.steps()) {
            if (steps.isEmpty() && step instanceof SqlStep add) {
                steps.add(new SqlStep("drop " + old + " (its values may be stale since the swap) and add the "
                        + "shadow column " + shadow + " " + target + " (catalog only)", "ALTER TABLE " + table
                        + " DROP COLUMN IF EXISTS " + old + ", ADD COLUMN " + shadow + " " + target,
                        add.lock(), add.table(), true, add.retry(), add.doneWhen()));
            } else {
                steps.add(step);
            }
        }
        if (!steps.isEmpty()) {
            steps.add(dropOld(table, old, label));
        }
        return new Plan(label, forward.preconditions(), steps);
    }

    private SqlStep dropOld(String table, String old, String label) {
        return new SqlStep("drop " + old + ", the column of type " + newDataType + " (catalog only)",
                "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + old, LockLevel.ACCESS_EXCLUSIVE, table, true,
                retryPolicy());
    }

    private ColumnTypeSpec spec(Database database, String type, String cast, String reverse) {
        String column = column(database);
        String name = String.valueOf(columnName);
        String table = String.valueOf(getTableName());
        String sync = database.escapeObjectName(ColumnTypeNames.sync(table, name), Column.class);
        return new ColumnTypeSpec(changeLabel(), table(database), column, type,
                cast == null ? "CAST(" + column + " AS " + type + ")" : cast,
                reverse == null ? column : reverse,
                database.escapeObjectName(ColumnTypeNames.shadow(name), Column.class),
                database.escapeObjectName(ColumnTypeNames.old(name), Column.class),
                schemaPrefix(database) + sync, sync,
                database.escapeObjectName(ColumnTypeNames.notNullCheck(table, name), Column.class),
                database.escapeObjectName(GeneratedNames.notNull(table, ColumnTypeNames.shadow(name)), Column.class),
                database.escapeObjectName(GeneratedNames.notNull(table, name), Column.class),
                schemaPrefix(database), batchSize(), pauseMillis(),
                retryPolicy());
    }

    private String column(Database database) {
        return columnName == null ? null : database.escapeObjectName(columnName, Column.class);
    }

    private String newType(Database database) {
        return newDataType == null ? null : AddColumnSpecs.type(newDataType, database);
    }

    private static ColumnTypeCatalog catalog(Database database, Connection connection) {
        return new ColumnTypeCatalog(connection, name -> database.escapeObjectName(name, Column.class));
    }

    @Override
    public String getConfirmationMessage() {
        return "Type of " + getTableName() + "." + columnName + " changed to " + newDataType + " online";
    }
}
