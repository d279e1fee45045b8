package liquibase.ext.online.statement;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.executor.OnlineLog;
import liquibase.ext.online.executor.PlanExecutor;
import liquibase.ext.online.executor.PlanSource;
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

    /**
     * @param plan   the plan as known without reading the database; printed if Liquibase asks for the SQL
     * @param source makes the plan to run, on the live connection, when the statement executes
     */
    public ExecutePlanStatement(Plan plan, PlanSource source, Database database) {
        this.plan = plan;
        this.source = source;
        this.database = database;
    }

    public Plan getPlan() {
        return plan;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        if (!(database.getConnection() instanceof JdbcConnection jdbc)) {
            throw new DatabaseException(plan.changeLabel() + " needs a JDBC connection to PostgreSQL");
        }
        new PlanExecutor(jdbc.getUnderlyingConnection(), OnlineLog.fromCurrentScope(),
                OnlineSettings.progressInterval()).execute(source);
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
