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
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.DefaultVolatility;
import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.column.AddColumnPlanner;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.partition.PartitionedColumnPlanner;
import liquibase.statement.SqlStatement;

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
public class AddColumnOnlineChange extends AbstractBatchedChange implements ChangeWithColumns<AddColumnConfig> {

    private List<AddColumnConfig> columns = new ArrayList<>();
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
        AddColumnSpec spec = AddColumnSpecs.withoutValuesIfEmpty(AddColumnSpecs.of(this, database), connection);
        List<String> expressions = spec.columns().stream()
                .filter(c -> c.defaultKind() == NewColumn.DefaultKind.EXPRESSION)
                .map(NewColumn::defaultSql).toList();
        AddColumnPlanner.Facts facts = new AddColumnPlanner.Facts(Catalog.serverMajor(connection),
                new DefaultVolatility(connection).nonVolatile(expressions));
        return PartitionedColumnPlanner.plan(spec, facts,
                PartitionTree.read(connection, spec.table().sql()).orElse(null));
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    /** Drops what the change added, each step under lock_timeout and idempotent; see AddColumnPlanner#rollback. */
    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        AddColumnSpec spec = AddColumnSpecs.of(this, database);
        Plan rollback = AddColumnPlanner.rollback(spec);
        if (spec.columns().stream().noneMatch(c -> c.index() != null)) {
            return statements(rollback, database);
        }
        return statements(database, rollback, connection -> PartitionedColumnPlanner.rollback(rollback, spec,
                PartitionTree.read(connection, spec.table().sql()).orElse(null)),
                Messages.partitionsUnknown(rollback.changeLabel(), spec.table().sql()));
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
