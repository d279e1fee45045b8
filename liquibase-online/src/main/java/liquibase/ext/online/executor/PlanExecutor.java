package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.KeyColumn;

/**
 * Runs a plan on a JDBC connection: preconditions first, then each step, every lock-taking step under
 * lock_timeout with retries. The connection's autocommit setting is restored afterwards.
 * <p>
 * Liquibase records the changeset only after the whole plan succeeded, so a plan interrupted at any point is run
 * again from the start; every step must therefore be safe to repeat.
 */
public final class PlanExecutor {

    private final Connection connection;
    private final OnlineLog log;
    private final Duration progressInterval;
    private final WalkPositions positions;
    private final ReplicationThrottle.Limits replicationLimits;

    /**
     * @param positions where the plan's walks keep their position, so a rerun resumes them; null to keep none
     */
    public PlanExecutor(Connection connection, OnlineLog log, Duration progressInterval, WalkPositions positions) {
        this(connection, log, progressInterval, positions, ReplicationThrottle.Limits.OFF);
    }

    /**
     * @param replicationLimits how far the standbys may lag before a walk waits for them, and how long it waits
     */
    public PlanExecutor(Connection connection, OnlineLog log, Duration progressInterval, WalkPositions positions,
                        ReplicationThrottle.Limits replicationLimits) {
        this.connection = connection;
        this.log = log;
        this.progressInterval = progressInterval;
        this.positions = positions;
        this.replicationLimits = replicationLimits;
    }

    /**
     * Makes the plan on this connection, then runs it. Changes whose plan depends on the database (its version,
     * the volatility of a default) decide here, at run time, not while Liquibase validates the changelog.
     */
    public void execute(PlanSource source) throws OnlineChangeException {
        Plan plan;
        try {
            plan = source.plan(connection);
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.planningFailed(e.getMessage()), e);
        }
        execute(plan);
    }

    public void execute(Plan plan) throws OnlineChangeException {
        boolean autoCommit = autoCommit(plan.changeLabel());
        try {
            Catalog catalog = new Catalog(connection);
            Preflight.Facts facts = new Preflight(catalog).check(plan);
            LockRetrier retrier = new LockRetrier(connection, log);
            for (Step step : plan.steps()) {
                if (step instanceof SqlStep sql) {
                    runSql(plan.changeLabel(), sql, retrier);
                } else if (step instanceof BackfillStep backfill) {
                    long estimate = estimate(plan.changeLabel(), catalog, facts.tableOids().get(backfill.table()));
                    List<KeyColumn> key = facts.keys().get(backfill.table());
                    ReplicationThrottle throttle = new ReplicationThrottle(connection, log, replicationLimits,
                            progressInterval);
                    if (BlockRanges.isBlockWalk(key)) {
                        BlockWalk walk = new BlockWalk(connection, retrier, log, progressInterval, throttle);
                        for (LeafWalks.Leaf leaf : LeafWalks.of(plan.changeLabel(), connection, catalog, backfill,
                                estimate)) {
                            walk.run(plan.changeLabel(), leaf.step(), leaf.estimatedRows(), positions);
                        }
                        continue;
                    }
                    new KeysetBackfill(connection, retrier, log, progressInterval, throttle).run(plan.changeLabel(), backfill,
                            key, estimate, positions);
                }
            }
            changeDone(plan);
        } finally {
            restoreAutoCommit(autoCommit);
        }
    }

    private void runSql(String change, SqlStep step, LockRetrier retrier) throws OnlineChangeException {
        if (alreadyDone(change, step)) {
            log.info(change + ": " + step.description() + ": already done, skipped");
            return;
        }
        log.info(change + ": " + step.description());
        int[] attempts = {0};
        retrier.run(change, step.description(), step.table(), step.retry(), () -> {
            if (attempts[0]++ > 0 && step.repair() != null) {
                repair(change, step.repair());
            }
            execute(step);
            return null;
        });
        if (step.verify() != null && !holds(change, step, step.verify())) {
            throw new OnlineChangeException(Messages.notInPlace(change, step.description()));
        }
    }

    private void repair(String change, SqlStep repair) throws SQLException {
        if (repair.doneWhen() == null || !holds(repair.doneWhen())) {
            log.info(change + ": " + repair.description());
            execute(repair);
        }
    }

    private void execute(SqlStep step) throws SQLException {
        connection.setAutoCommit(!step.inTransaction());
        try (Statement st = connection.createStatement()) {
            if (step.inTransaction()) {
                st.execute("SET LOCAL lock_timeout = " + lockTimeout(step));
                if (!step.lock().blocksApplication()) {
                    st.execute("SET LOCAL statement_timeout = " + SessionSettings.UNLIMITED);
                }
                st.execute(step.sql());
                connection.commit();
            } else {
                SessionSettings saved = SessionSettings.save(connection, List.of("lock_timeout", "statement_timeout"));
                try {
                    st.execute("SET lock_timeout = " + lockTimeout(step));
                    if (!step.lock().blocksApplication()) {
                        saved.set("statement_timeout", SessionSettings.UNLIMITED);
                    }
                    st.execute(step.sql());
                } finally {
                    saved.restore();
                }
            }
        }
    }

    /**
     * A step whose lock lets the application read and write (an index built CONCURRENTLY, a VALIDATE) may wait
     * as long as it must: nobody queues behind it. A timeout there would only abort a long build for nothing and,
     * for CONCURRENTLY, leave an INVALID index behind. The same holds for its statement_timeout, see
     * {@link SessionSettings#UNLIMITED}. A step the application would queue behind keeps the session's
     * statement_timeout: it is short by design, under lock_timeout.
     */
    private static String lockTimeout(SqlStep step) {
        return step.lock().blocksApplication() ? step.retry().lockTimeoutSql() : "0";
    }

    private void changeDone(Plan plan) throws OnlineChangeException {
        if (positions == null || plan.steps().stream().noneMatch(BackfillStep.class::isInstance)) {
            return;
        }
        try {
            connection.setAutoCommit(true);
            positions.changeDone(connection);
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.positionNotRemoved(plan.changeLabel(), WalkPositions.TABLE,
                    e.getMessage()), e);
        }
    }

    private boolean alreadyDone(String change, SqlStep step) throws OnlineChangeException {
        return step.doneWhen() != null && holds(change, step, step.doneWhen());
    }

    private boolean holds(String change, SqlStep step, String query) throws OnlineChangeException {
        try {
            return holds(query);
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.doneCheckFailed(change, step.description(), e.getMessage()), e);
        }
    }

    /** Runs a query that returns one boolean, outside any transaction. */
    private boolean holds(String query) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long estimate(String change, Catalog catalog, Long oid) throws OnlineChangeException {
        try {
            return oid == null ? -1 : catalog.estimatedRows(oid);
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.sizeEstimateFailed(change, e.getMessage()), e);
        }
    }

    private boolean autoCommit(String change) throws OnlineChangeException {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            throw new OnlineChangeException(Messages.connectionUnusable(change, e.getMessage()), e);
        }
    }

    private void restoreAutoCommit(boolean autoCommit) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // a broken connection is reported by Liquibase's next statement
        }
    }
}
