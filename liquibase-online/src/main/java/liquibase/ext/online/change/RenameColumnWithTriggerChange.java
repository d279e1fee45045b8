package liquibase.ext.online.change;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.ColumnFacts;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.partition.PartitionedRenamePlanner;
import liquibase.ext.online.plan.rename.ExpandPlanner;
import liquibase.ext.online.plan.rename.RenameTarget;

/**
 * The expand half of a column rename: adds the new column, keeps it equal to the old one with a trigger in both
 * directions, fills it in batches and copies NOT NULL, indexes and constraints. Afterwards application versions
 * that use either name run side by side; {@link CompleteColumnRenameChange} removes the old column later.
 */
@DatabaseChange(name = "renameColumnWithTrigger",
        description = "Renames a column without downtime, first half: adds the new column, a trigger that keeps "
                + "both columns equal in both directions, fills it in batches and copies NOT NULL, indexes and "
                + "constraints. Finish with completeColumnRename. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class RenameColumnWithTriggerChange extends AbstractColumnRenameChange implements ThrottledChange {

    private String columnDataType;
    private Integer batchSize;
    private Long pauseMillis;
    private String maxReplicationLag;

    @DatabaseChangeProperty(description = "Type of the new column; default: the old column's type",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getColumnDataType() {
        return columnDataType;
    }

    public void setColumnDataType(String columnDataType) {
        this.columnDataType = columnDataType;
    }

    @DatabaseChangeProperty(description = "Rows per backfill batch (default: liquibase.online.batchSize; without "
            + "either the size adapts so a batch takes about liquibase.online.batchTime)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    @DatabaseChangeProperty(description = "Milliseconds to sleep between backfill batches (default 0)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Long getPauseMillis() {
        return pauseMillis;
    }

    public void setPauseMillis(Long pauseMillis) {
        this.pauseMillis = pauseMillis;
    }

    @DatabaseChangeProperty(description = "Wait before a batch while a streaming standby is more than this much WAL "
            + "behind, e.g. 64MB, 512kB or 1GB; off never waits (default: liquibase.online.maxReplicationLag, 64MB)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    @Override
    public String getMaxReplicationLag() {
        return maxReplicationLag;
    }

    public void setMaxReplicationLag(String maxReplicationLag) {
        this.maxReplicationLag = maxReplicationLag;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        super.validateAttributes(errors);
        validateBatching(errors, batchSize, pauseMillis);
        validateWalkSettings(errors, maxReplicationLag);
    }

    @Override
    protected RenameTarget target(Database database) {
        String type = columnDataType == null || columnDataType.isBlank() ? null : columnDataType.trim();
        return target(database, type, OnlineSettings.batchSize(batchSize), OnlineSettings.pauseMillis(pauseMillis));
    }

    @Override
    protected Plan plan(RenameTarget target, ColumnFacts old) {
        return PartitionedRenamePlanner.guard(new ExpandPlanner(target).plan(old), target.table().sql());
    }

    /** Drops what the expand made; the catalog says which copied indexes and foreign keys exist. */
    @Override
    protected Plan rollback(RenameTarget target, ColumnFacts added) {
        return new ExpandPlanner(target).rollback(added);
    }

    @Override
    public String getConfirmationMessage() {
        return "Column " + getTableName() + "." + getNewColumnName() + " added and kept equal to "
                + getOldColumnName() + " by a trigger; verified that no row differs between them; finish with "
                + "completeColumnRename";
    }
}
