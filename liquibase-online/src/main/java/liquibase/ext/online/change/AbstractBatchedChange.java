package liquibase.ext.online.change;

import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.config.OnlineSettings;

/**
 * An online change on one table that fills rows in batches: the attributes that tune the batches (batchSize,
 * pauseMillis) and throttle them while a standby lags (maxReplicationLag). All are left out of the checksum (see
 * {@link AbstractOnlineChange#getExcludedFieldFilters}).
 */
public abstract class AbstractBatchedChange extends AbstractOnlineTableChange implements ThrottledChange {

    private Integer batchSize;
    private Long pauseMillis;
    private String maxReplicationLag;

    @DatabaseChangeProperty(description = "Rows per batch when rows are filled (default: "
            + "liquibase.online.batchSize; without either the size adapts so a batch takes about "
            + "liquibase.online.batchTime)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    @DatabaseChangeProperty(description = "Milliseconds to sleep between batches (default 0)",
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

    /** batchSize with its default applied. */
    protected int batchSize() {
        return OnlineSettings.batchSize(batchSize);
    }

    /** pauseMillis with its default applied. */
    protected long pauseMillis() {
        return OnlineSettings.pauseMillis(pauseMillis);
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = super.validate(database);
        validateBatching(errors, batchSize, pauseMillis);
        validateWalkSettings(errors, maxReplicationLag);
        return errors;
    }
}
