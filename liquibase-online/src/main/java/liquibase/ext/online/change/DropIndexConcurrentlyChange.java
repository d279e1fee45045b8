package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import liquibase.ChecksumVersion;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.PartitionKeys;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.index.IndexPlanner;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.plan.partition.PartitionedIndexPlanner;
import liquibase.structure.core.Index;

/**
 * {@code dropIndex} with {@code DROP INDEX CONCURRENTLY IF EXISTS}: a plain DROP INDEX takes ACCESS EXCLUSIVE on
 * the table and queues every query behind it while it waits. Like core {@code dropIndex} it has no automatic
 * rollback: the index definition is not part of the change.
 */
@DatabaseChange(name = "dropIndexConcurrently",
        description = "Drops an index with DROP INDEX CONCURRENTLY IF EXISTS, so the application keeps reading and "
                + "writing the table. An index that belongs to a constraint is refused (drop the constraint). "
                + "Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "index", since = "0.1.0")
public class DropIndexConcurrentlyChange extends AbstractOnlineTableChange {

    private String indexName;
    private String associatedWith;

    @DatabaseChangeProperty(description = "Name of the index to drop", exampleValue = "orders_email_idx",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @Override
    @DatabaseChangeProperty(description = "Table of the index; optional: when given, an index of that name on "
            + "another table is refused", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getTableName() {
        return super.getTableName();
    }

    @DatabaseChangeProperty(description = "As in dropIndex (informational, not in the checksum)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getAssociatedWith() {
        return associatedWith;
    }

    public void setAssociatedWith(String associatedWith) {
        this.associatedWith = associatedWith;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        required(errors, "indexName", indexName);
    }

    @Override
    protected String runInTransactionError(String change) {
        return Messages.concurrentlyNeedsNoTransaction(change);
    }

    @Override
    protected Plan plan(Database database) {
        String index = indexName == null ? null : database.escapeObjectName(indexName, Index.class);
        return IndexPlanner.drop(changeLabel(), isBlank(getTableName()) ? null : table(database),
                schemaPrefix(database) + index, retryPolicy());
    }

    /**
     * A partitioned index (read from the catalog at start) cannot be dropped concurrently: it is dropped with a
     * plain DROP INDEX under lock_timeout; see {@link PartitionedIndexPlanner#drop}.
     */
    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        String index = database.escapeObjectName(indexName, Index.class);
        return dropPlan(connection, plan(database), changeLabel(), isBlank(getTableName()) ? null : table(database),
                schemaPrefix(database) + index, retryPolicy());
    }

    @Override
    protected String offlineNote(Database database) {
        return Messages.partitionsUnknown(changeLabel(),
                isBlank(getTableName()) ? "the index's table" : table(database).sql());
    }

    /** The plan that drops an index: {@code plain} unless the index is partitioned. */
    static Plan dropPlan(Connection connection, Plan plain, String changeLabel, TableRef table, String qualifiedIndex,
                         RetryPolicy retry) throws SQLException {
        Optional<String> indexTable = PartitionKeys.partitionedIndexTable(connection, qualifiedIndex);
        if (indexTable.isEmpty()) {
            return plain;
        }
        return PartitionedIndexPlanner.drop(changeLabel, table, indexTable.get(), qualifiedIndex, retry);
    }

    @Override
    public String[] getExcludedFieldFilters(ChecksumVersion version) {
        List<String> excluded = new ArrayList<>(List.of(super.getExcludedFieldFilters(version)));
        excluded.add("associatedWith");
        return excluded.toArray(String[]::new);
    }

    @Override
    public String getConfirmationMessage() {
        return "Index " + indexName + " dropped concurrently";
    }
}
