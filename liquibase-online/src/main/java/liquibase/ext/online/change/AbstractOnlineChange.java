package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.AbstractChange;
import liquibase.change.ChangeFactory;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChangeProperty;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.DatabaseException;
import liquibase.exception.ValidationErrors;
import liquibase.exception.Warnings;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.ext.online.config.Durations;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.config.Sizes;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.executor.Catalog;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Identifiers;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.statement.ExecutePlanStatement;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * What every online change shares: the lock settings, the PostgreSQL-only and {@code runInTransaction="false"}
 * rules, and the split between running a plan (update) and printing it (update-sql).
 * <p>
 * {@link #generateStatements} stays free of side effects: Liquibase calls it many times, for validation,
 * checksums and logging. The work happens only when Liquibase executes the returned
 * {@link ExecutePlanStatement}.
 */
public abstract class AbstractOnlineChange extends AbstractChange {

    /** Attributes that tune how a change runs, not what it does: changing them must not change the checksum. */
    private static final String[] TUNING_ATTRIBUTES = {"lockTimeout", "lockRetries", "batchSize", "pauseMillis",
            "maxReplicationLag"};

    static final int MIN_POSTGRES_MAJOR = 12;

    private String lockTimeout;
    private Integer lockRetries;

    @DatabaseChangeProperty(description = "Longest wait for a table lock per attempt, e.g. 1s or 500ms "
            + "(default: liquibase.online.lockTimeout, 1s)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @DatabaseChangeProperty(description = "Retries after a lock timeout before the change fails "
            + "(default: liquibase.online.lockRetries, 10)",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Integer getLockRetries() {
        return lockRetries;
    }

    public void setLockRetries(Integer lockRetries) {
        this.lockRetries = lockRetries;
    }

    /** The plan for this change as far as it is known without the database; pure: no I/O, no side effects. */
    protected abstract Plan plan(Database database);

    /**
     * The plan to run, made when the change starts on the live connection. Override when the steps depend on
     * the database (server version, existing objects, volatility of an expression); only read, never write.
     */
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        return plan(database);
    }

    /** Attribute checks specific to one change type. */
    protected abstract void validateAttributes(ValidationErrors errors);

    /** The checks every change with batchSize and pauseMillis attributes makes. */
    protected void validateBatching(ValidationErrors errors, Integer batchSize, Long pauseMillis) {
        if (batchSize != null && batchSize < 1) {
            errors.addError(Messages.notPositive(changeLabel(), "batchSize", batchSize));
        }
        if (pauseMillis != null && pauseMillis < 0) {
            errors.addError(Messages.negative(changeLabel(), "pauseMillis", pauseMillis));
        }
    }

    /** Whether the change commits its own transactions (then the changeset must say runInTransaction="false"). */
    protected boolean needsOwnTransactions() {
        return true;
    }

    /** Why the changeset must not run in one transaction; changes that run CONCURRENTLY say so. */
    protected String runInTransactionError(String change) {
        return Messages.runInTransactionRequired(change);
    }

    /**
     * A plan Liquibase should run (update, rollback) or print (update-sql, rollback-sql): the executing statement
     * when executing, else the rendered SQL, so scripts hold nothing but SQL and comments.
     */
    protected SqlStatement[] statementsFor(Plan plan, Database database) {
        if (shouldExecuteChange(database)) {
            return new SqlStatement[]{new ExecutePlanStatement(plan, connection -> plan, database, this)};
        }
        return PlanRenderer.render(plan).stream().map(RawParameterizedSqlStatement::new).toArray(SqlStatement[]::new);
    }

    /** The plan as update-sql prints it; a subclass may fill in details from the catalog first. */
    protected List<String> renderForScript(Plan plan, Database database) {
        return PlanRenderer.render(plan);
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return false;
    }

    @Override
    public Warnings warn(Database database) {
        return new Warnings();
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors(this);
        String change = changeLabel();
        if (!(database instanceof PostgresDatabase)) {
            errors.addError(Messages.notPostgres(change, database == null ? "unknown" : database.getShortName()));
            return errors;
        }
        Integer major = serverMajorVersion(database);
        if (major != null && major < MIN_POSTGRES_MAJOR) {
            errors.addError(Messages.postgresTooOld(change, major));
        }
        ChangeSet changeSet = getChangeSet();
        if (needsOwnTransactions() && changeSet != null && changeSet.isRunInTransaction()) {
            errors.addError(runInTransactionError(change));
        }
        if (lockTimeout != null && !Durations.isValid(lockTimeout)) {
            errors.addError(Messages.badDuration(change, "lockTimeout", lockTimeout));
        }
        if (lockRetries != null && lockRetries < 0) {
            errors.addError(Messages.negative(change, "lockRetries", lockRetries));
        }
        try {
            OnlineSettings.retryPolicy(null, null);
        } catch (IllegalArgumentException e) {
            errors.addError(Messages.badSetting(change, e.getMessage()));
        }
        if (this instanceof ThrottledChange throttled) {
            validateThrottle(errors, change, throttled.getMaxReplicationLag());
        }
        validateNameLengths(errors, change);
        validateAttributes(errors);
        return errors;
    }

    /** maxReplicationLag, and the liquibase.online settings it is read with, must be readable. */
    private static void validateThrottle(ValidationErrors errors, String change, String maxReplicationLag) {
        if (maxReplicationLag != null && !Sizes.isValid(maxReplicationLag)) {
            errors.addError(Messages.badSize(change, "maxReplicationLag", maxReplicationLag));
            return;
        }
        try {
            OnlineSettings.maxReplicationLag(maxReplicationLag);
            OnlineSettings.maxThrottleWait();
        } catch (IllegalArgumentException e) {
            errors.addError(Messages.badSetting(change, e.getMessage()));
        }
    }

    /** Every attribute that names something (tableName, indexName, constraintName, ...) must fit PostgreSQL. */
    private void validateNameLengths(ValidationErrors errors, String change) {
        ChangeMetaData metaData = Scope.getCurrentScope().getSingleton(ChangeFactory.class).getChangeMetaData(this);
        metaData.getParameters().forEach((attribute, parameter) -> {
            if (attribute.endsWith("Name") && parameter.getCurrentValue(this) instanceof String name
                    && !Identifiers.fits(name)) {
                errors.addError(Messages.nameTooLong(change, attribute, name));
            }
        });
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        Plan plan = plan(database);
        if (shouldExecuteChange(database)) {
            return new SqlStatement[]{
                    new ExecutePlanStatement(plan, connection -> planForExecution(database, connection), database, this)};
        }
        return renderForScript(plan, database).stream().map(RawParameterizedSqlStatement::new).toArray(SqlStatement[]::new);
    }

    @Override
    public String[] getExcludedFieldFilters(ChecksumVersion version) {
        return TUNING_ATTRIBUTES.clone();
    }

    /** Names the change and its changeset, e.g. {@code backfillInBatches in changeset db.xml::3::ann}. */
    public String changeLabel() {
        ChangeSet changeSet = getChangeSet();
        String name = getSerializedObjectName();
        return changeSet == null ? name : name + " in changeset " + changeSet.toString(false);
    }

    protected RetryPolicy retryPolicy() {
        return OnlineSettings.retryPolicy(lockTimeout, lockRetries);
    }

    /**
     * Fills in the key a backfill walks by, read from the catalog, so update-sql can print the batch loop.
     * Only in update-sql mode, on a live connection.
     */
    protected static Plan withBackfillKeys(Plan plan, Database database) {
        List<Step> steps = plan.steps().stream().map(step -> {
            if (step instanceof BackfillStep b && b.keyColumns().isEmpty()) {
                List<String> keys = Catalog.keyForScript(database, b.table());
                return keys.isEmpty() ? step : (Step) new BackfillStep(b.description(), b.table(), b.column(),
                        b.valueSql(), b.where(), keys, b.batchSize(), b.pauseMillis(), b.retry());
            }
            return step;
        }).toList();
        return new Plan(plan.changeLabel(), plan.preconditions(), steps);
    }

    /** True under update-sql / future-rollback-sql, where Liquibase prints SQL instead of running it. */
    protected static boolean isScriptOutput(Database database) {
        return Scope.getCurrentScope().getSingleton(ExecutorService.class)
                .getExecutor("jdbc", database) instanceof LoggingExecutor;
    }

    static List<String> given(Object... nameValuePairs) {
        List<Object> pairs = Arrays.asList(nameValuePairs);
        return IntStream.range(0, pairs.size() / 2)
                .filter(i -> pairs.get(2 * i + 1) != null)
                .mapToObj(i -> (String) pairs.get(2 * i))
                .toList();
    }

    private static Integer serverMajorVersion(Database database) {
        if (database.getConnection() == null) {
            return null;
        }
        try {
            return database.getDatabaseMajorVersion();
        } catch (DatabaseException | RuntimeException e) {
            return null;
        }
    }
}
