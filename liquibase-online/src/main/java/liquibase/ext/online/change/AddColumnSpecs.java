package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import liquibase.change.AddColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.ext.online.catalog.EmptyTables;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.naming.Identifiers;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.NewColumn.DefaultKind;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.plan.column.AddColumnPlanner;
import liquibase.statement.DatabaseFunction;
import liquibase.structure.core.Column;
import liquibase.structure.core.ForeignKey;
import liquibase.structure.core.Index;
import liquibase.structure.core.Schema;
import liquibase.structure.core.Table;
import liquibase.structure.core.UniqueConstraint;

/**
 * Translates the attributes of an {@link AddColumnOnlineChange} into SQL fragments, the way core
 * {@code addColumn} would write them for PostgreSQL: types through Liquibase's type factory, defaults through
 * its value formatting, names through its escaping. Names the changelog leaves open follow PostgreSQL's own
 * conventions ({@code <table>_<column>_key}, {@code _fkey}, {@code _check}) so they look familiar in {@code \d}.
 */
final class AddColumnSpecs {

    static final Pattern REFERENCES = Pattern.compile("\\s*([^()]+?)\\s*\\(([^()]+)\\)\\s*");

    private AddColumnSpecs() {
    }

    static AddColumnSpec of(AddColumnOnlineChange change, Database database) {
        String schema = change.getSchemaName();
        TableRef table = new TableRef(schema, change.getTableName(),
                database.escapeTableName(change.getCatalogName(), schema, change.getTableName()));
        String schemaPrefix = schema == null ? "" : database.escapeObjectName(schema, Schema.class) + ".";
        List<AddColumnConfig> columns = change.getColumns().stream().filter(c -> c.getName() != null).toList();
        List<NewColumn> newColumns = columns.stream()
                .map(c -> column(change, database, c, columns.size() == 1)).toList();
        return new AddColumnSpec(change.changeLabel(), table, schemaPrefix, newColumns,
                OnlineSettings.batchSize(change.getBatchSize()), OnlineSettings.pauseMillis(change.getPauseMillis()),
                change.getAnalyze(), change.retryPolicy());
    }

    private static NewColumn column(AddColumnOnlineChange change, Database database, AddColumnConfig column,
                                    boolean only) {
        String table = change.getTableName();
        String raw = column.getName();
        ConstraintsConfig constraints = column.getConstraints();
        Object defaultValue = column.getDefaultValueObject();
        DefaultKind kind = defaultValue == null ? DefaultKind.NONE
                : defaultValue instanceof DatabaseFunction ? DefaultKind.EXPRESSION : DefaultKind.LITERAL;
        boolean notNull = constraints != null && Boolean.FALSE.equals(constraints.isNullable());
        boolean unique = constraints != null && Boolean.TRUE.equals(constraints.isUnique());
        String index = null;
        if (Boolean.TRUE.equals(change.getCreateIndex())) {
            index = change.getIndexName() != null && only ? change.getIndexName() : name(table, raw, "idx");
        }
        return new NewColumn(
                database.escapeObjectName(raw, Column.class),
                type(column.getType(), database),
                defaultSql(defaultValue, database),
                kind,
                notNull,
                column.getRemarks() == null ? null : CatalogGuards.literal(column.getRemarks()),
                database.escapeObjectName(Identifiers.notNullCheck(table, raw), UniqueConstraint.class),
                constraints == null || constraints.getNotNullConstraintName() == null ? null
                        : database.escapeObjectName(constraints.getNotNullConstraintName(), UniqueConstraint.class),
                unique ? database.escapeObjectName(orElse(constraints.getUniqueConstraintName(),
                        name(table, raw, "key")), UniqueConstraint.class) : null,
                foreignKey(database, table, raw, constraints),
                check(database, table, raw, constraints),
                index == null ? null : database.escapeObjectName(index, Index.class),
                ColumnValues.valueSql(column, database, change.getCatalogName(), change.getSchemaName(), table));
    }

    /**
     * A {@code value*} sets the rows that exist when the change starts; on an empty table there are none, so the
     * column is planned as if it had no value: one {@code ADD COLUMN}, with NOT NULL if asked, instead of a walk and
     * a validated check. The common case is a table created by an earlier changeset of the same update. A row
     * inserted between this check and the {@code ADD COLUMN} gets the default or NULL, as a row inserted just after
     * core addColumn's UPDATE would; NOT NULL stays safe, since the preflight and {@code ADD COLUMN ... NOT NULL}
     * itself refuse a table with rows. The table is read ({@link EmptyTables}) only when a value is given.
     */
    static AddColumnSpec withoutValuesIfEmpty(AddColumnSpec spec, Connection connection) throws SQLException {
        if (spec.columns().stream().noneMatch(AddColumnPlanner::fillsExistingRows)
                || !EmptyTables.isEmpty(connection, spec.table().sql())) {
            return spec;
        }
        return new AddColumnSpec(spec.changeLabel(), spec.table(), spec.schemaPrefix(),
                spec.columns().stream().map(NewColumn::withoutValue).toList(), spec.batchSize(), spec.pauseMillis(),
                spec.analyze(), spec.retry());
    }

    static String type(String type, Database database) {
        if (type == null || type.isBlank()) {
            return "";
        }
        return DataTypeFactory.getInstance().fromDescription(type, database).toDatabaseDataType(database).toSql();
    }

    private static String defaultSql(Object value, Database database) {
        if (value == null) {
            return null;
        }
        if (value instanceof DatabaseFunction function) {
            return database.generateDatabaseFunctionValue(function);
        }
        return DataTypeFactory.getInstance().fromObject(value, database).objectToSql(value, database);
    }

    private static NewColumn.ForeignKey foreignKey(Database database, String table, String column,
                                                   ConstraintsConfig constraints) {
        if (constraints == null) {
            return null;
        }
        String referencedSchema = constraints.getReferencedTableSchemaName();
        String referencedTable = constraints.getReferencedTableName();
        String referencedColumns = constraints.getReferencedColumnNames();
        String attribute = "referencedTableName/referencedColumnNames";
        if (constraints.getReferences() != null) {
            Matcher m = REFERENCES.matcher(constraints.getReferences());
            if (!m.matches()) {
                return null;
            }
            attribute = "references";
            String[] parts = m.group(1).split("\\.", 2);
            referencedSchema = parts.length == 2 ? parts[0].trim() : null;
            referencedTable = parts[parts.length - 1].trim();
            referencedColumns = m.group(2);
        }
        if (referencedTable == null || referencedColumns == null) {
            return null;
        }
        TableRef referenced = new TableRef(referencedSchema, referencedTable,
                database.escapeTableName(null, referencedSchema, referencedTable));
        List<String> columns = Arrays.stream(referencedColumns.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(s -> database.escapeObjectName(s, Column.class)).toList();
        String options = (Boolean.TRUE.equals(constraints.isDeleteCascade()) ? " ON DELETE CASCADE" : "")
                + (Boolean.TRUE.equals(constraints.isDeferrable()) ? " DEFERRABLE" : "")
                + (Boolean.TRUE.equals(constraints.isInitiallyDeferred()) ? " INITIALLY DEFERRED" : "");
        String name = orElse(constraints.getForeignKeyName(), name(table, column, "fkey"));
        return new NewColumn.ForeignKey(database.escapeObjectName(name, ForeignKey.class), referenced, columns,
                attribute, options);
    }

    private static NewColumn.Check check(Database database, String table, String column,
                                         ConstraintsConfig constraints) {
        if (constraints == null || constraints.getCheckConstraint() == null
                || constraints.getCheckConstraint().isBlank()) {
            return null;
        }
        return new NewColumn.Check(database.escapeObjectName(name(table, column, "check"), Table.class),
                constraints.getCheckConstraint().trim());
    }

    /** {@code <table>_<column>_<suffix>}, shortened to PostgreSQL's 63 bytes, keeping the suffix. */
    static String name(String table, String column, String suffix) {
        return Identifiers.withSuffix(table + "_" + column, "_" + suffix);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
