package liquibase.ext.online.statement;

import java.util.List;

import liquibase.ChecksumVersion;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.change.ThrottledChange;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.executor.OnlineLog;
import liquibase.ext.online.executor.PlanExecutor;
import liquibase.ext.online.executor.PlanSource;
import liquibase.ext.online.executor.ReplicationThrottle;
import liquibase.ext.online.executor.WalkOwner;
import liquibase.ext.online.executor.WalkPositions;
import liquibase.ext.online.plan.Plan;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;
import liquibase.database.PreparedStatementFactory;

/**
 * Carries a plan to Liquibase's JDBC executor, which calls {@link #execute} only during a real update; building
 * this statement (for validation, checksums or logging) does nothing.
 */
public class ExecutePlanStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final Plan plan;
    private final PlanSource source;
    private final Database database;
    private final Change change;

    /**
     * @param plan   the plan as known without reading the database; printed if Liquibase asks for the SQL
     * @param source makes the plan to run, on the live connection, when the statement executes
     * @param change the change the plan is made from; its changeset owns the positions of the plan's walks
     */
    public ExecutePlanStatement(Plan plan, PlanSource source, Database database, Change change) {
        this.plan = plan;
        this.source = source;
        this.database = database;
        this.change = change;
    }

    public Plan getPlan() {
        return plan;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            throw new DatabaseException(Messages.noJdbcConnection(plan.changeLabel()));
        }
        new PlanExecutor(jdbc.getUnderlyingConnection(), OnlineLog.fromCurrentScope(),
                OnlineSettings.progressInterval(), walkPositions(), replicationLimits()).execute(source);
    }

    /** The change's maxReplicationLag attribute where it has one, else liquibase.online.maxReplicationLag. */
    private ReplicationThrottle.Limits replicationLimits() {
        String attribute = change instanceof ThrottledChange throttled ? throttled.getMaxReplicationLag() : null;
        long maxLag = OnlineSettings.maxReplicationLag(attribute);
        return maxLag <= 0 ? ReplicationThrottle.Limits.OFF
                : new ReplicationThrottle.Limits(maxLag, OnlineSettings.maxThrottleWait());
    }

    /** Positions are kept next to Liquibase's own tables, for the changeset as DATABASECHANGELOG names it. */
    private WalkPositions walkPositions() {
        ChangeSet changeSet = change.getChangeSet();
        if (changeSet == null) {
            return null;
        }
        List<Change> changes = changeSet.getChanges();
        int index = 0;
        while (index < changes.size() && changes.get(index) != change) {
            index++;
        }
        WalkOwner owner = new WalkOwner(changeSet.getFilePath(), changeSet.getId(), changeSet.getAuthor(),
                changeSet.generateCheckSum(ChecksumVersion.latest()).toString(), index, index >= changes.size() - 1);
        return new WalkPositions(liquibaseTable(WalkPositions.TABLE),
                liquibaseTable(database.getDatabaseChangeLogTableName()), owner);
    }

    private String liquibaseTable(String name) {
        return database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(), name);
    }

    @Override
    public boolean continueOnError() {
        return false;
    }

    @Override
    public boolean skipOnUnsupported() {
        return false;
    }
}
