package liquibase.ext.online.change;

import java.util.List;

import liquibase.change.AddColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.naming.Identifiers;

/**
 * The attribute checks of {@code addColumnOnline} that need no database; they run while Liquibase validates the
 * changelog, before any changeset executes. What depends on the catalog (the table, an existing column, a
 * referenced table) is checked when the change starts, in the preflight.
 */
final class AddColumnValidation {

    private final AddColumnOnlineChange change;
    private final ValidationErrors errors;
    private final String label;

    AddColumnValidation(AddColumnOnlineChange change, ValidationErrors errors) {
        this.change = change;
        this.errors = errors;
        this.label = change.changeLabel();
    }

    void run() {
        change.requireTableName(errors);
        List<AddColumnConfig> columns = change.getColumns() == null ? List.of() : change.getColumns();
        if (columns.isEmpty()) {
            errors.addError(Messages.noColumns(label));
        }
        columns.forEach(this::column);
        index(columns);
    }

    private void column(AddColumnConfig column) {
        String name = column.getName();
        if (AbstractOnlineTableChange.isBlank(name)) {
            errors.addError(Messages.required(label, "name (of a nested column)"));
            return;
        }
        if (!Identifiers.fits(name)) {
            errors.addError(Messages.nameTooLong(label, "name (of a nested column)", name));
        }
        ConstraintsConfig named = column.getConstraints();
        if (named != null) {
            for (String[] attribute : new String[][]{{"uniqueConstraintName", named.getUniqueConstraintName()},
                    {"foreignKeyName", named.getForeignKeyName()},
                    {"notNullConstraintName", named.getNotNullConstraintName()}}) {
                if (attribute[1] != null && !Identifiers.fits(attribute[1])) {
                    errors.addError(Messages.nameTooLong(label, attribute[0] + " (of column " + name + ")",
                            attribute[1]));
                }
            }
        }
        if (AbstractOnlineTableChange.isBlank(column.getType())) {
            errors.addError(Messages.columnAttributeRequired(label, name, "type", "varchar(20)"));
        }
        List<String> defaults = AbstractOnlineChange.given("defaultValue", column.getDefaultValue(),
                "defaultValueNumeric", column.getDefaultValueNumeric(),
                "defaultValueBoolean", column.getDefaultValueBoolean(),
                "defaultValueDate", column.getDefaultValueDate(),
                "defaultValueComputed", column.getDefaultValueComputed(),
                "defaultValueSequenceNext", column.getDefaultValueSequenceNext());
        if (defaults.size() > 1) {
            errors.addError(Messages.severalDefaults(label, name, defaults));
        }
        // nullable="false" without a default (or a value) works on an empty table only; whether the table is empty
        // is known when the change starts, not here: it may be created by an earlier changeset of the same update.
        unsupported(column, name);
        ConstraintsConfig constraints = column.getConstraints();
        if (constraints != null) {
            reference(constraints, name);
        }
    }

    private void unsupported(AddColumnConfig column, String name) {
        ConstraintsConfig constraints = column.getConstraints();
        if (constraints != null && Boolean.TRUE.equals(constraints.isPrimaryKey())) {
            errors.addError(Messages.unsupportedAttribute(label, name, "primaryKey", "a new column cannot become "
                    + "the primary key online; add it unique and NOT NULL, then switch the key in a later changeset."));
        }
        if (Boolean.TRUE.equals(column.isAutoIncrement())) {
            errors.addError(Messages.unsupportedAttribute(label, name, "autoIncrement", "create a sequence in an "
                    + "earlier changeset and use defaultValueComputed=\"nextval('<sequence>')\"; existing rows are "
                    + "then numbered in batches."));
        }
        if (Boolean.TRUE.equals(column.getComputed())) {
            errors.addError(Messages.unsupportedAttribute(label, name, "computed", "remove it."));
        }
        if (column.getAfterColumn() != null || column.getBeforeColumn() != null || column.getPosition() != null) {
            errors.addError(Messages.unsupportedAttribute(label, name, "afterColumn/beforeColumn/position",
                    "PostgreSQL always adds a column at the end of the table; remove it."));
        }
        if (column.getValueBlobFile() != null || column.getValueClobFile() != null) {
            errors.addError(Messages.unsupportedAttribute(label, name, "valueBlobFile/valueClobFile", "set the "
                    + "existing rows with value, valueNumeric, valueBoolean, valueDate or valueComputed."));
        }
        if (constraints != null && (Boolean.FALSE.equals(constraints.getValidateNullable())
                || Boolean.FALSE.equals(constraints.getValidateUnique())
                || Boolean.FALSE.equals(constraints.getValidateForeignKey()))) {
            errors.addError(Messages.unsupportedAttribute(label, name, "validateNullable/validateUnique/"
                    + "validateForeignKey=\"false\"", "addColumnOnline validates every constraint without blocking "
                    + "the application; remove it."));
        }
    }

    private void reference(ConstraintsConfig constraints, String name) {
        if (constraints.getReferences() != null) {
            if (!AddColumnSpecs.REFERENCES.matcher(constraints.getReferences()).matches()) {
                errors.addError(Messages.badReference(label, name, constraints.getReferences()));
            }
        } else if ((constraints.getReferencedTableName() == null) != (constraints.getReferencedColumnNames() == null)) {
            errors.addError(Messages.referenceIncomplete(label, name));
        }
    }

    private void index(List<AddColumnConfig> columns) {
        boolean createIndex = Boolean.TRUE.equals(change.getCreateIndex());
        if (change.getIndexName() != null && !createIndex) {
            errors.addError(Messages.indexNameNeedsCreateIndex(label));
        }
        if (change.getIndexName() != null && createIndex && columns.size() > 1) {
            errors.addError(Messages.indexNameNeedsOneColumn(label, columns.size()));
        }
        if (createIndex) {
            columns.stream()
                    .filter(c -> c.getConstraints() != null && Boolean.TRUE.equals(c.getConstraints().isUnique()))
                    .forEach(c -> errors.addError(Messages.indexOnUniqueColumn(label, c.getName())));
        }
    }
}
