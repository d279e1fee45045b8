package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.PartitionKeys;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.constraint.ConstraintPlanner;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.partition.PartitionedIndexPlanner;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.Index;

/**
 * {@code addUniqueConstraint} without a write-blocking index build: the unique index is built CONCURRENTLY, then
 * attached as the constraint in a catalog-only step under lock_timeout.
 */
@DatabaseChange(name = "addUniqueConstraintOnline",
        description = "Adds a unique constraint without blocking writes: CREATE UNIQUE INDEX CONCURRENTLY, then "
                + "ADD CONSTRAINT ... UNIQUE USING INDEX (catalog only, under lock_timeout). Duplicates stop the "
                + "change before its first statement. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class AddUniqueConstraintOnlineChange extends AbstractOnlineTableChange {

    private String columnNames;
    private String constraintName;
    private String tablespace;
    private Boolean deferrable;
    private Boolean initiallyDeferred;
    private Boolean disabled;
    private String forIndexName;
    private Boolean validate;
    private Boolean clustered;

    @DatabaseChangeProperty(description = "Comma-separated columns of the constraint", exampleValue = "email",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getColumnNames() {
        return columnNames;
    }

    public void setColumnNames(String columnNames) {
        this.columnNames = columnNames;
    }

    @DatabaseChangeProperty(description = "Name of the constraint and its index (default <table>_<columns>_key)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getConstraintName() {
        return constraintName;
    }

    public void setConstraintName(String constraintName) {
        this.constraintName = constraintName;
    }

    @DatabaseChangeProperty(description = "Tablespace of the index", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getTablespace() {
        return tablespace;
    }

    public void setTablespace(String tablespace) {
        this.tablespace = tablespace;
    }

    @DatabaseChangeProperty(description = "DEFERRABLE", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getDeferrable() {
        return deferrable;
    }

    public void setDeferrable(Boolean deferrable) {
        this.deferrable = deferrable;
    }

    @DatabaseChangeProperty(description = "INITIALLY DEFERRED", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public Boolean getInitiallyDeferred() {
        return initiallyDeferred;
    }

    public void setInitiallyDeferred(Boolean initiallyDeferred) {
        this.initiallyDeferred = initiallyDeferred;
    }

    @DatabaseChangeProperty(description = "Not supported", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getDisabled() {
        return disabled;
    }

    public void setDisabled(Boolean disabled) {
        this.disabled = disabled;
    }

    @DatabaseChangeProperty(description = "Not supported: the index is always built by the change",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getForIndexName() {
        return forIndexName;
    }

    public void setForIndexName(String forIndexName) {
        this.forIndexName = forIndexName;
    }

    @DatabaseChangeProperty(description = "Only true (the default) is supported", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public Boolean getValidate() {
        return validate;
    }

    public void setValidate(Boolean validate) {
        this.validate = validate;
    }

    @DatabaseChangeProperty(description = "Not supported", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getClustered() {
        return clustered;
    }

    public void setClustered(Boolean clustered) {
        this.clustered = clustered;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        requireTableName(errors);
        if (columns().isEmpty()) {
            errors.addError(Messages.required(change, "columnNames"));
        }
        if (Boolean.TRUE.equals(disabled)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "disabled=\"true\"", "PostgreSQL cannot "
                    + "disable a unique constraint; remove it."));
        }
        if (forIndexName != null) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "forIndexName", "the change builds the "
                    + "unique index itself, concurrently; remove it (an existing index of the constraint's name, "
                    + "valid and unique, is used as it is)."));
        }
        if (Boolean.FALSE.equals(validate)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "validate=\"false\"", "a unique index "
                    + "always checks every row; remove it."));
        }
        if (Boolean.TRUE.equals(clustered)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "clustered", "PostgreSQL does not keep an "
                    + "index clustered; remove it."));
        }
    }

    @Override
    protected Plan plan(Database database) {
        return ConstraintPlanner.unique(index(database), options());
    }

    /**
     * On a partitioned table (read from the catalog at start): a unique constraint per leaf, built CONCURRENTLY,
     * then the root's constraint, which attaches them; see {@link PartitionedIndexPlanner#unique}.
     */
    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        IndexSpec index = index(database);
        Optional<PartitionTree> tree = PartitionTree.read(connection, index.table().sql());
        if (tree.isEmpty()) {
            return ConstraintPlanner.unique(index, options());
        }
        return PartitionedIndexPlanner.unique(index, columns(), options(), tree.get(),
                PartitionKeys.read(connection, tree.get()));
    }

    @Override
    protected String offlineNote(Database database) {
        return Messages.partitionsUnknown(changeLabel(), index(database).table().sql());
    }

    IndexSpec index(Database database) {
        List<String> escaped = columns().stream().map(c -> database.escapeObjectName(c, Column.class)).toList();
        String name = isBlank(constraintName)
                ? AddColumnSpecs.name(String.valueOf(getTableName()), String.join("_", columns()), "key")
                : constraintName;
        return new IndexSpec(changeLabel(), table(database), schemaPrefix(database),
                database.escapeObjectName(name, Index.class), true, escaped, escaped, escaped, null,
                isBlank(tablespace) ? null : database.escapeObjectName(tablespace, Index.class), retryPolicy());
    }

    private String options() {
        return (Boolean.TRUE.equals(deferrable) ? " DEFERRABLE" : "")
                + (Boolean.TRUE.equals(initiallyDeferred) ? " INITIALLY DEFERRED" : "");
    }

    private List<String> columns() {
        if (columnNames == null) {
            return List.of();
        }
        return Arrays.stream(columnNames.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return statements(ConstraintPlanner.dropUnique(index(database)), database);
    }

    @Override
    public String getConfirmationMessage() {
        return "Unique constraint added online to " + getTableName() + "(" + columnNames + ")";
    }
}
