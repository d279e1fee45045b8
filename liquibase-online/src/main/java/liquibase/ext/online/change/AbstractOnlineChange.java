package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
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
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.ValidationErrors;
import liquibase.exception.Warnings;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.ext.online.config.Durations;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.config.Sizes;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.naming.Identifiers;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.executor.PlanSource;
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

    /** AbstractChange's messages for a missing attribute, e.g. {@code tableName is required for <change> on <db>}. */
    private static final Pattern CORE_MISSING_ATTRIBUTE =
            Pattern.compile("\\w+ is (required|empty) for .*|No columns defined for .*");

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
     * The plan to run, made when the change starts on the live connection (and printed by update-sql on one).
     * Override when the steps depend on the database (server version, existing objects, volatility of an
     * expression); only read, never write. Null means the catalog cannot tell: then {@link #plan} is used.
     */
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        return plan(database);
    }

    /** Attribute checks specific to one change type. */
    protected abstract void validateAttributes(ValidationErrors errors);

    /** Adds {@link Messages#required} when the attribute is not given (null or blank); true when it is given. */
    protected final boolean required(ValidationErrors errors, String attribute, String value) {
        if (value == null || value.isBlank()) {
            errors.addError(Messages.required(changeLabel(), attribute));
            return false;
        }
        return true;
    }

    /** validate="false" is refused: the online way validates without blocking the application. */
    protected final void validateNotFalse(ValidationErrors errors, Boolean validate) {
        if (Boolean.FALSE.equals(validate)) {
            errors.addError(Messages.unsupportedChangeAttribute(changeLabel(), "validate=\"false\"", "the online way "
                    + "validates without blocking the application; remove it."));
        }
    }

    /** The checks every change with batchSize and pauseMillis attributes makes. */
    protected void validateBatching(ValidationErrors errors, Integer batchSize, Long pauseMillis) {
        if (batchSize != null && batchSize < 1) {
            errors.addError(Messages.notPositive(changeLabel(), "batchSize", batchSize));
        }
        if (pauseMillis != null && pauseMillis < 0) {
            errors.addError(Messages.negative(changeLabel(), "pauseMillis", pauseMillis));
        }
    }

    /** maxReplicationLag, and the liquibase.online settings a walk reads, must be readable. */
    protected void validateWalkSettings(ValidationErrors errors, String maxReplicationLag) {
        if (maxReplicationLag != null && !Sizes.isValid(maxReplicationLag)) {
            errors.addError(Messages.badSize(changeLabel(), "maxReplicationLag", maxReplicationLag));
            return;
        }
        try {
            OnlineSettings.maxReplicationLag(maxReplicationLag);
            OnlineSettings.maxThrottleWait();
            OnlineSettings.maxKeylessScanSize();
        } catch (IllegalArgumentException e) {
            errors.addError(Messages.badSetting(changeLabel(), e.getMessage()));
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
            errors.addError(Messages.notPostgres(change, database == null ? "unknown" : database.getShortName(),
                    PostgresVersions.MIN_MAJOR));
            return errors;
        }
        Integer major = serverMajorVersion(database);
        if (major != null && major < PostgresVersions.MIN_MAJOR) {
            errors.addError(Messages.postgresTooOld(change, major, PostgresVersions.MIN_MAJOR));
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
        validateNameLengths(errors, change);
        validateAttributes(errors);
        addCoreErrors(errors, database);
        return errors;
    }

    /**
     * Liquibase's own checks: required attributes ({@code requiredForDatabase}) and the SQL generators'. Its
     * messages about a missing attribute are kept only when our own checks found nothing: ours name the
     * changeset and say what to write.
     */
    private void addCoreErrors(ValidationErrors errors, Database database) {
        boolean ours = errors.hasErrors();
        ValidationErrors core;
        try {
            core = super.validate(database);
        } catch (RuntimeException e) {
            if (ours) {
                return; // the statements of an invalid change may not be buildable; our errors say why
            }
            throw e;
        }
        core.getErrorMessages().stream()
                .filter(message -> !(ours && CORE_MISSING_ATTRIBUTE.matcher(message).matches()))
                .forEach(errors::addError);
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
        return statements(database, plan(database), connection -> planForExecution(database, connection),
                offlineNote(database));
    }

    /**
     * The one place that decides how a plan reaches Liquibase, for changes and rollbacks alike:
     * <ul>
     * <li>update, rollback: one {@link ExecutePlanStatement} that makes the plan from {@code live} on the live
     * connection when it runs, so the steps follow the catalog as it is then;</li>
     * <li>update-sql on a live connection: the plan {@code live} makes now, with the key of every backfill read
     * from the catalog, printed as SQL;</li>
     * <li>otherwise (no connection, or Liquibase renders the SQL for its own log): {@code offline}, printed.</li>
     * </ul>
     *
     * @param offline     the plan as far as it is known without the database
     * @param live        the plan from the catalog; null when the catalog cannot tell (then {@code offline})
     * @param offlineNote a comment put before the first printed statement when {@code offline} is printed, or null
     */
    protected final SqlStatement[] statements(Database database, Plan offline, PlanSource live, String offlineNote) {
        if (shouldExecuteChange(database)) {
            return new SqlStatement[]{new ExecutePlanStatement(offline,
                    connection -> Objects.requireNonNullElse(live.plan(connection), offline), database, this)};
        }
        Plan printed = null;
        Connection connection = scriptConnection(database);
        if (connection != null) {
            try {
                printed = live.plan(connection);
            } catch (SQLException | RuntimeException e) {
                // an unreadable catalog leaves the plan made without it
            }
        }
        List<String> rendered = new ArrayList<>(PlanRenderer.render(connection == null ? offline
                : Objects.requireNonNullElse(printed, offline)
                .withBackfillKeys(table -> Catalog.keyForScript(database, table))));
        if (printed == null && offlineNote != null && !rendered.isEmpty()) {
            rendered.set(0, offlineNote + "\n" + rendered.get(0));
        }
        return rendered.stream().map(RawParameterizedSqlStatement::new).toArray(SqlStatement[]::new);
    }

    /** A plan that does not depend on the catalog (most rollbacks), run or printed like any other. */
    protected final SqlStatement[] statements(Plan plan, Database database) {
        return statements(database, plan, connection -> plan, null);
    }

    /** The comment update-sql prints before a plan made without the database; null for none. */
    protected String offlineNote(Database database) {
        return null;
    }

    /** The connection update-sql may read the catalog on: only when Liquibase prints SQL and a database is there. */
    private static Connection scriptConnection(Database database) {
        boolean script = Scope.getCurrentScope().getSingleton(ExecutorService.class)
                .getExecutor("jdbc", database) instanceof LoggingExecutor;
        return script && database.getConnection() instanceof JdbcConnection jdbc ? jdbc.getUnderlyingConnection() : null;
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
