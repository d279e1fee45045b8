package liquibase.ext.online.change;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.TableRef;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;

/**
 * Sets a column of existing rows in batches, one short transaction per batch, walking the table by its key.
 * Only rows where the column IS NULL (and that match {@code where}) are touched, so whatever the application
 * writes meanwhile is kept, and a rerun after an interruption finishes the job.
 */
@DatabaseChange(name = "backfillInBatches",
        description = "Sets a column of existing rows in batches of batchSize rows, each batch in its own short "
                + "transaction, walking the table by its primary key (or keyColumns). Only rows where the column "
                + "is NULL are changed. Needs runInTransaction=\"false\" on the changeset.",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class BackfillInBatchesChange extends AbstractBatchedChange {

    static final List<String> VALUE_ATTRIBUTES =
            List.of("value", "valueNumeric", "valueBoolean", "valueDate", "valueComputed");

    private String columnName;
    private String value;
    private String valueNumeric;
    private Boolean valueBoolean;
    private String valueDate;
    private String valueComputed;
    private String where;
    private String keyColumns;

    @DatabaseChangeProperty(description = "Column to set", exampleValue = "status",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getColumnName() {
        return columnName;
    }

    public void setColumnName(String columnName) {
        this.columnName = columnName;
    }

    @DatabaseChangeProperty(description = "New value as a string literal",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    @DatabaseChangeProperty(description = "New value as a number",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getValueNumeric() {
        return valueNumeric;
    }

    public void setValueNumeric(String valueNumeric) {
        this.valueNumeric = valueNumeric;
    }

    @DatabaseChangeProperty(description = "New value as a boolean",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getValueBoolean() {
        return valueBoolean;
    }

    public void setValueBoolean(Boolean valueBoolean) {
        this.valueBoolean = valueBoolean;
    }

    @DatabaseChangeProperty(description = "New value as a date or timestamp, e.g. 2024-01-31 or 2024-01-31T12:00:00",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getValueDate() {
        return valueDate;
    }

    public void setValueDate(String valueDate) {
        this.valueDate = valueDate;
    }

    @DatabaseChangeProperty(description = "New value as an SQL expression; may use other columns of the row",
            exampleValue = "lower(status_code)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getValueComputed() {
        return valueComputed;
    }

    public void setValueComputed(String valueComputed) {
        this.valueComputed = valueComputed;
    }

    @DatabaseChangeProperty(description = "Extra SQL filter; rows must also have the column IS NULL",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    @DatabaseChangeProperty(description = "Comma-separated unique, NOT NULL columns to walk the table by; "
            + "default: the primary key", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getKeyColumns() {
        return keyColumns;
    }

    public void setKeyColumns(String keyColumns) {
        this.keyColumns = keyColumns;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        requireTableName(errors);
        required(errors, "columnName", columnName);
        List<String> values = given("value", value, "valueNumeric", valueNumeric, "valueBoolean", valueBoolean,
                "valueDate", valueDate, "valueComputed", valueComputed);
        if (values.isEmpty()) {
            errors.addError(Messages.valueMissing(change, VALUE_ATTRIBUTES));
        } else if (values.size() > 1) {
            errors.addError(Messages.severalValues(change, values));
        }
        if (valueNumeric != null && !isNumber(valueNumeric)) {
            errors.addError(Messages.badNumber(change, "valueNumeric", valueNumeric));
        }
        if (keyColumns != null && keyColumnList().isEmpty()) {
            errors.addError(Messages.keyColumnsEmpty(change));
        }
    }

    @Override
    protected Plan plan(Database database) {
        TableRef table = table(database);
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(table));
        String column = database.escapeObjectName(columnName, Column.class);
        List<String> keys = keyColumnList().stream().map(k -> database.escapeObjectName(k, Column.class)).toList();
        preconditions.add(new Precondition.ColumnExists(table, column, "columnName"));
        preconditions.add(new Precondition.UsableKey(table, keys));
        BackfillStep step = new BackfillStep(
                "backfill " + column + " of " + table.sql() + " where it IS NULL, in batches",
                table.sql(), column, valueSql(), blankToNull(where), keys,
                batchSize(), pauseMillis(), retryPolicy());
        return new Plan(changeLabel(), preconditions, List.of(step));
    }

    /** A backfill cannot know the values it replaced (they were NULL, or the application's); nothing to undo. */
    @Override
    public boolean supportsRollback(Database database) {
        return true;
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return new SqlStatement[0];
    }

    @Override
    public String getConfirmationMessage() {
        return "Column " + getTableName() + "." + columnName + " backfilled in batches";
    }

    List<String> keyColumnList() {
        if (keyColumns == null) {
            return List.of();
        }
        return Arrays.stream(keyColumns.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String valueSql() {
        if (value != null) {
            return quote(value);
        }
        if (valueNumeric != null) {
            return valueNumeric.trim();
        }
        if (valueBoolean != null) {
            return valueBoolean ? "TRUE" : "FALSE";
        }
        if (valueDate != null) {
            return quote(valueDate.trim().replace('T', ' '));
        }
        return valueComputed;
    }

    private static String quote(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }


    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
