package liquibase.ext.online.change;

import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.config.OnlineSettings;

/**
 * An online change on one table that fills rows in batches: the two attributes that tune the batches. Both are
 * left out of the checksum (see {@link AbstractOnlineChange#getExcludedFieldFilters}).
 */
public abstract class AbstractBatchedChange extends AbstractOnlineTableChange {

    private Integer batchSize;
    private Long pauseMillis;

    @DatabaseChangeProperty(description = "Rows per batch when rows are filled "
            + "(default: liquibase.online.batchSize, 10000)", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
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
        return errors;
    }
}
