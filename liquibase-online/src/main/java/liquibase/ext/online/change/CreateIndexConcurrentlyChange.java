package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.ChecksumVersion;
import liquibase.change.AddColumnConfig;
import liquibase.change.ChangeMetaData;
import liquibase.change.ChangeWithColumns;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.PartitionKeys;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.index.IndexPlanner;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.partition.PartitionedIndexPlanner;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Column;
import liquibase.structure.core.Index;

/**
 * {@code createIndex} built {@code CONCURRENTLY}: the same attributes and nested columns, plus {@code where} for a
 * partial index. The build scans the table under SHARE UPDATE EXCLUSIVE, so the application reads and writes
 * throughout; an INVALID index left by an interrupted build is dropped and built again on the next run.
 */
@DatabaseChange(name = "createIndexConcurrently",
        description = "Creates an index with CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS, so the application "
                + "keeps reading and writing the table. Columns as in createIndex (computed=\"true\" for an "
                + "expression, descending), where for a partial index. An INVALID index of the same name left by an "
                + "earlier failed run is dropped concurrently first. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "index", since = "0.1.0")
public class CreateIndexConcurrentlyChange extends AbstractOnlineTableChange
        implements ChangeWithColumns<AddColumnConfig> {

    private String indexName;
    private Boolean unique;
    private String tablespace;
    private String where;
    private List<AddColumnConfig> columns = new ArrayList<>();
    private String associatedWith;
    private Boolean clustered;

    @DatabaseChangeProperty(description = "Name of the index to create", exampleValue = "orders_email_idx",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @DatabaseChangeProperty(description = "Whether the index is unique (default false)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean isUnique() {
        return unique;
    }

    public void setUnique(Boolean unique) {
        this.unique = unique;
    }

    @DatabaseChangeProperty(description = "Tablespace to create the index in", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public String getTablespace() {
        return tablespace;
    }

    public void setTablespace(String tablespace) {
        this.tablespace = tablespace;
    }

    @DatabaseChangeProperty(description = "Predicate of a partial index, as SQL, e.g. deleted_at IS NULL",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    @Override
    @DatabaseChangeProperty(description = "Columns to index: name, descending; computed=\"true\" makes name an "
            + "expression, e.g. lower(email)", requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public List<AddColumnConfig> getColumns() {
        return columns;
    }

    @Override
    public void setColumns(List<AddColumnConfig> columns) {
        this.columns = columns;
    }

    @Override
    public void addColumn(AddColumnConfig column) {
        columns.add(column);
    }

    @DatabaseChangeProperty(description = "As in createIndex: what the index is for (informational, not in the "
            + "checksum)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getAssociatedWith() {
        return associatedWith;
    }

    public void setAssociatedWith(String associatedWith) {
        this.associatedWith = associatedWith;
    }

    @DatabaseChangeProperty(description = "Not supported: PostgreSQL keeps no index clustered",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
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
        required(errors, "indexName", indexName);
        if (columns == null || columns.isEmpty()) {
            errors.addError(Messages.noIndexColumns(change));
        } else if (columns.stream().anyMatch(c -> isBlank(c.getName()))) {
            errors.addError(Messages.required(change, "name (of a nested column)"));
        }
        if (Boolean.TRUE.equals(clustered)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "clustered", "PostgreSQL does not keep an "
                    + "index clustered, and CLUSTER rewrites the table under ACCESS EXCLUSIVE; remove it."));
        }
    }

    @Override
    protected String runInTransactionError(String change) {
        return Messages.concurrentlyNeedsNoTransaction(change);
    }

    @Override
    protected Plan plan(Database database) {
        return IndexPlanner.create(spec(database));
    }

    /**
     * On a partitioned table (read from the catalog at start): the index ON ONLY on each partitioned table, built
     * CONCURRENTLY on each leaf and attached upwards; see {@link PartitionedIndexPlanner#create}.
     */
    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        IndexSpec spec = spec(database);
        Optional<PartitionTree> tree = PartitionTree.read(connection, spec.table().sql());
        if (tree.isEmpty()) {
            return IndexPlanner.create(spec);
        }
        return PartitionedIndexPlanner.create(spec, tree.get(), PartitionKeys.read(connection, tree.get()));
    }

    @Override
    protected String offlineNote(Database database) {
        return Messages.partitionsUnknown(changeLabel(), spec(database).table().sql());
    }

    IndexSpec spec(Database database) {
        List<String> keys = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (AddColumnConfig column : columns) {
            if (isBlank(column.getName())) {
                continue;
            }
            boolean expression = Boolean.TRUE.equals(column.getComputed());
            String key = expression ? column.getName().trim() : database.escapeObjectName(column.getName(), Column.class);
            keys.add(key);
            if (!expression) {
                plain.add(key);
            }
            parts.add((expression ? "(" + key + ")" : key) + (Boolean.TRUE.equals(column.getDescending()) ? " DESC" : ""));
        }
        return new IndexSpec(changeLabel(), table(database), schemaPrefix(database),
                indexName == null ? null : database.escapeObjectName(indexName, Index.class),
                Boolean.TRUE.equals(unique), keys, plain, parts, isBlank(where) ? null : where.trim(),
                isBlank(tablespace) ? null : database.escapeObjectName(tablespace, Index.class), retryPolicy());
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /** DROP INDEX CONCURRENTLY IF EXISTS: idempotent, and the application reads and writes meanwhile. */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        IndexSpec spec = spec(database);
        String label = changeLabel() + " (rollback)";
        String qualified = spec.schemaPrefix() + spec.name();
        Plan plain = IndexPlanner.drop(label, null, qualified, retryPolicy());
        return statements(database, plain, connection -> DropIndexConcurrentlyChange.dropPlan(connection, plain, label,
                null, qualified, retryPolicy()), Messages.partitionsUnknown(label, spec.table().sql()));
    }

    @Override
    public String[] getExcludedFieldFilters(ChecksumVersion version) {
        List<String> excluded = new ArrayList<>(List.of(super.getExcludedFieldFilters(version)));
        excluded.add("associatedWith");
        return excluded.toArray(String[]::new);
    }

    @Override
    public String getConfirmationMessage() {
        return "Index " + indexName + " created concurrently on " + getTableName();
    }
}
