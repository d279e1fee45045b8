package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.ChecksumVersion;
import liquibase.change.AddColumnConfig;
import liquibase.change.ChangeMetaData;
import liquibase.change.ChangeWithColumns;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.executor.DefaultVolatility;
import liquibase.ext.online.plan.AddColumnPlanner;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.partition.PartitionedColumnPlanner;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.statement.ExecutePlanStatement;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

/**
 * {@code addColumn} for busy PostgreSQL tables: the same attributes and nested columns, planned so that no step
 * holds a lock the application queues behind for longer than one short catalog change (see
 * {@link AddColumnPlanner}). Whether a default can be added in one statement is decided when the change runs,
 * by asking the database whether the default expression is volatile.
 */
@DatabaseChange(name = "addColumnOnline",
        description = "Adds columns to an existing table without blocking the application: constant defaults in "
                + "one catalog-only statement, volatile defaults set first and backfilled in batches, NOT NULL via "
                + "a validated check, unique/foreign key/check constraints added NOT VALID or from an index built "
                + "CONCURRENTLY. Every lock is taken under lock_timeout and retried. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "table", since = "0.1.0")
public class AddColumnOnlineChange extends AbstractOnlineTableChange
        implements ThrottledChange, ChangeWithColumns<AddColumnConfig> {

    private List<AddColumnConfig> columns = new ArrayList<>();
    private Integer batchSize;
    private Long pauseMillis;
    private String maxReplicationLag;
    private Boolean createIndex;
    private String indexName;
    private Boolean analyze;

    @Override
    @DatabaseChangeProperty(description = "The columns to add, as in addColumn: name, type, one defaultValue* "
            + "attribute, one value* attribute (sets the existing rows), remarks and constraints (nullable, unique, "
            + "references/referencedTableName, "
            + "foreignKeyName, checkConstraint)", requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
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

    @DatabaseChangeProperty(description = "Rows per batch when existing rows are backfilled "
            + "(default: liquibase.online.batchSize, 10000)", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
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

    @DatabaseChangeProperty(description = "Also build a plain index on each new column, CONCURRENTLY "
            + "(default false)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getCreateIndex() {
        return createIndex;
    }

    public void setCreateIndex(Boolean createIndex) {
        this.createIndex = createIndex;
    }

    @DatabaseChangeProperty(description = "Name of the index createIndex builds (one column only); "
            + "default <table>_<column>_idx", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public String getIndexName() {
        return indexName;
    }

    public void setIndexName(String indexName) {
        this.indexName = indexName;
    }

    @DatabaseChangeProperty(description = "Run ANALYZE on the table at the end (default: true when existing "
            + "rows were backfilled)", requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getAnalyze() {
        return analyze;
    }

    public void setAnalyze(Boolean analyze) {
        this.analyze = analyze;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        new AddColumnValidation(this, errors).run();
    }

    /** Without the database: every default expression may be volatile, so it is shown the safe way. */
    @Override
    protected Plan plan(Database database) {
        return AddColumnPlanner.plan(AddColumnSpecs.of(this, database), AddColumnPlanner.Facts.unknown());
    }

    @Override
    protected Plan planForExecution(Database database, Connection connection) throws SQLException {
        AddColumnSpec spec = EmptyTables.withoutValuesIfEmpty(AddColumnSpecs.of(this, database), connection);
        List<String> expressions = spec.columns().stream()
                .filter(c -> c.defaultKind() == NewColumn.DefaultKind.EXPRESSION)
                .map(NewColumn::defaultSql).toList();
        AddColumnPlanner.Facts facts = new AddColumnPlanner.Facts(connection.getMetaData().getDatabaseMajorVersion(),
                new DefaultVolatility(connection).nonVolatile(expressions));
        return PartitionedColumnPlanner.plan(AddColumnPlanner.plan(spec, facts), spec,
                PartitionTree.read(connection, spec.table().sql()).orElse(null), facts.postgresMajor());
    }

    /**
     * update-sql prints the plan {@code update} would run when the database can be read (volatility, the key of
     * a backfill), and the safe plan when it cannot.
     */
    @Override
    protected List<String> renderForScript(Plan plan, Database database) {
        if (!isScriptOutput(database) || !(database.getConnection() instanceof JdbcConnection jdbc)) {
            return PlanRenderer.render(plan);
        }
        Plan live = plan;
        try {
            live = planForExecution(database, jdbc.getUnderlyingConnection());
        } catch (SQLException | RuntimeException e) {
            // an unreadable catalog leaves the safe plan
        }
        return PlanRenderer.render(withBackfillKeys(live, database));
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /** Drops what the change added, each step under lock_timeout and idempotent; see AddColumnPlanner#rollback. */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        Plan rollback = AddColumnPlanner.rollback(AddColumnSpecs.of(this, database));
        if (shouldExecuteChange(database)) {
            return new SqlStatement[]{new ExecutePlanStatement(rollback, connection -> rollback, database, this)};
        }
        return PlanRenderer.render(rollback).stream().map(RawParameterizedSqlStatement::new).toArray(SqlStatement[]::new);
    }

    /** analyze only decides whether statistics are refreshed, like the other tuning attributes. */
    @Override
    public String[] getExcludedFieldFilters(ChecksumVersion version) {
        List<String> excluded = new ArrayList<>(List.of(super.getExcludedFieldFilters(version)));
        excluded.add("analyze");
        return excluded.toArray(String[]::new);
    }

    @Override
    public String getConfirmationMessage() {
        return "Columns " + String.join(", ", columns.stream().map(ColumnConfig::getName).toList())
                + " added online to " + getTableName();
    }

    static boolean notNull(ColumnConfig column) {
        ConstraintsConfig constraints = column.getConstraints();
        return constraints != null && Boolean.FALSE.equals(constraints.isNullable());
    }
}
