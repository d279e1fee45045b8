package liquibase.ext.online.lint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import liquibase.Scope;
import liquibase.change.AbstractSQLChange;
import liquibase.change.AddColumnConfig;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.UpdateDataChange;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.DatabaseList;
import liquibase.ext.online.lint.sql.PostgresSql;
import liquibase.ext.online.lint.sql.SqlChecks;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser;
import liquibase.ext.online.lint.sql.SqlIssue;
import liquibase.resource.ResourceAccessor;
import liquibase.util.StringUtil;

/**
 * Lints a parsed changelog: walks its changesets in order (includes already resolved by Liquibase), checks each
 * stock change and each SQL statement against the {@link Rule}s, and leaves out what is done to a table the
 * changelog created earlier. liquibase-online's own change types are never reported.
 */
public final class ChangeLogLinter {

    private final SourceLines lines;
    private final KnownTables tables = new KnownTables();
    private final SqlChecks sql = new SqlChecks(tables);

    public ChangeLogLinter(ResourceAccessor resources) {
        this.lines = new SourceLines(resources);
    }

    public List<Finding> lint(DatabaseChangeLog changeLog) {
        List<Finding> findings = new ArrayList<>();
        for (ChangeSet changeSet : changeLog.getChangeSets()) {
            if (!runsOnPostgres(changeSet.getDbmsSet())) {
                continue;
            }
            lint(changeSet, findings);
        }
        return findings;
    }

    private void lint(ChangeSet changeSet, List<Finding> findings) {
        String file = file(changeSet);
        int changeSetLine = lines.changeSet(file, changeSet.getId(), changeSet.getAuthor());
        Accepts accepts = Accepts.of(changeSet.getComments());
        ChangeFactory factory = Scope.getCurrentScope().getSingleton(ChangeFactory.class);
        Map<String, Integer> seen = new HashMap<>();
        for (Change change : changeSet.getChanges()) {
            String name = factory.getChangeMetaData(change).getName();
            int occurrence = seen.merge(name, 1, Integer::sum) - 1;
            if (!change.getClass().getName().startsWith("liquibase.change.")) {
                continue; // our own change types, and other extensions'
            }
            if (change instanceof AbstractSQLChange sqlChange && !runsOnPostgres(dbms(sqlChange))) {
                continue;
            }
            List<SqlIssue> issues = check(change, changeSet);
            if (issues.isEmpty()) {
                continue;
            }
            int line = lines.change(file, changeSetLine, name, occurrence);
            for (SqlIssue issue : issues) {
                String reason = accepts.reason(issue.rule());
                String message = issue.message();
                if (accepts.missingReason(issue.rule())) {
                    message += " (online-lint:accept " + issue.rule().id() + " ignored: it needs a reason)";
                }
                findings.add(new Finding(file, line, changeSet.getId(), changeSet.getAuthor(), name, issue.rule(),
                        message, reason));
            }
        }
    }

    private List<SqlIssue> check(Change change, ChangeSet changeSet) {
        List<SqlIssue> issues = new ArrayList<>();
        if (change instanceof CreateTableChange create) {
            tables.created(create.getTableName());
            for (ColumnConfig column : create.getColumns()) {
                tables.column(create.getTableName(), column.getName(), column.getType());
            }
        } else if (change instanceof CreateIndexChange index) {
            add(issues, Rule.OL001, index.getTableName(), "createIndex " + name(index.getIndexName()) + "on "
                    + index.getTableName() + " is not built concurrently");
        } else if (change instanceof DropIndexChange drop) {
            add(issues, Rule.OL002, drop.getTableName(), "dropIndex " + drop.getIndexName()
                    + " is not dropped concurrently");
        } else if (change instanceof AddColumnChange add) {
            for (AddColumnConfig column : add.getColumns()) {
                addColumn(issues, add.getTableName(), column);
            }
        } else if (change instanceof AddNotNullConstraintChange notNull) {
            add(issues, Rule.OL006, notNull.getTableName(), "addNotNullConstraint on " + notNull.getTableName() + "."
                    + notNull.getColumnName());
        } else if (change instanceof AddForeignKeyConstraintChange fk) {
            if (!Boolean.FALSE.equals(fk.getValidate())) {
                add(issues, Rule.OL007, fk.getBaseTableName(), "addForeignKeyConstraint " + name(fk.getConstraintName())
                        + "on " + fk.getBaseTableName() + " referencing " + fk.getReferencedTableName()
                        + " is validated while both tables are locked");
            }
        } else if (change instanceof AddUniqueConstraintChange unique) {
            add(issues, Rule.OL008, unique.getTableName(), "addUniqueConstraint on " + unique.getTableName() + " ("
                    + unique.getColumnNames() + ")");
        } else if (change instanceof AddPrimaryKeyChange pk) {
            add(issues, Rule.OL009, pk.getTableName(), "addPrimaryKey on " + pk.getTableName() + " ("
                    + pk.getColumnNames() + ")");
        } else if (change instanceof ModifyDataTypeChange modify) {
            String old = tables.columnType(modify.getTableName(), modify.getColumnName());
            if (!TypeChanges.withoutRewrite(old, modify.getNewDataType())) {
                add(issues, Rule.OL010, modify.getTableName(), "modifyDataType of " + modify.getTableName() + "."
                        + modify.getColumnName() + " to " + modify.getNewDataType()
                        + (old == null ? "" : " (from " + old + ")"));
            }
            tables.column(modify.getTableName(), modify.getColumnName(), modify.getNewDataType());
        } else if (change instanceof RenameColumnChange rename) {
            add(issues, Rule.OL011, rename.getTableName(), "renameColumn " + rename.getTableName() + "."
                    + rename.getOldColumnName() + " to " + rename.getNewColumnName());
        } else if (change instanceof RenameTableChange rename) {
            add(issues, Rule.OL012, rename.getOldTableName(), "renameTable " + rename.getOldTableName() + " to "
                    + rename.getNewTableName());
            tables.renamed(rename.getOldTableName(), rename.getNewTableName());
        } else if (change instanceof DropColumnChange drop) {
            List<String> names = new ArrayList<>();
            if (drop.getColumnName() != null) {
                names.add(drop.getColumnName());
            }
            if (drop.getColumns() != null) {
                drop.getColumns().forEach(c -> names.add(c.getName()));
            }
            add(issues, Rule.OL013, drop.getTableName(), "dropColumn " + drop.getTableName() + "."
                    + String.join(", ", names));
        } else if (change instanceof UpdateDataChange update) {
            if (update.getWhere() == null || update.getWhere().isEmpty()) {
                add(issues, Rule.OL014, update.getTableName(), "update of every row of " + update.getTableName());
            } else if (onlyNullsOfAnAddedColumn(update.getTableName(), update.getWhere())) {
                add(issues, Rule.OL014, update.getTableName(), "update of every row of " + update.getTableName()
                        + " (WHERE " + update.getWhere().trim() + " on a column this changelog added)");
            }
        } else if (change instanceof DeleteDataChange delete) {
            if (delete.getWhere() == null || delete.getWhere().isEmpty()) {
                add(issues, Rule.OL015, delete.getTableName(), "delete of every row of " + delete.getTableName());
            }
        } else if (change instanceof AbstractSQLChange sqlChange) {
            sql(issues, sqlChange, changeSet.isRunInTransaction());
        }
        return issues;
    }

    private void addColumn(List<SqlIssue> issues, String table, AddColumnConfig column) {
        String name = table + "." + column.getName();
        tables.column(table, column.getName(), column.getType());
        String volatileDefault = null;
        if (Volatility.isSerial(column.getType())) {
            volatileDefault = "type " + column.getType();
        } else if (Boolean.TRUE.equals(column.isAutoIncrement())) {
            volatileDefault = "autoIncrement (an identity)";
        } else if (column.getDefaultValueSequenceNext() != null) {
            volatileDefault = "defaultValueSequenceNext (nextval())";
        } else if (column.getDefaultValueComputed() != null) {
            String call = Volatility.volatileCall(column.getDefaultValueComputed().getValue());
            if (call != null) {
                volatileDefault = "defaultValueComputed " + call;
            }
        }
        ConstraintsConfig constraints = column.getConstraints();
        if (volatileDefault != null) {
            add(issues, Rule.OL003, table, "addColumn " + name + " with " + volatileDefault);
        } else if (constraints != null && Boolean.FALSE.equals(constraints.isNullable())
                && column.getDefaultValueObject() == null && column.getValueObject() == null) {
            add(issues, Rule.OL004, table, "addColumn " + name + " NOT NULL without a default");
        }
        if (column.getValueObject() != null) {
            add(issues, Rule.OL005, table, "addColumn " + name + " fills every row in one UPDATE");
        }
        if (constraints != null && Boolean.TRUE.equals(constraints.isPrimaryKey())) {
            add(issues, Rule.OL009, table, "addColumn " + name + " as primary key");
        } else if (constraints != null && Boolean.TRUE.equals(constraints.isUnique())) {
            add(issues, Rule.OL008, table, "addColumn " + name + " unique");
        }
    }

    // StringUtil is deprecated as a whole (for commons-lang StringUtils), which has no statement splitter; this is the
    // one Liquibase itself splits sql changes with
    @SuppressWarnings("deprecation")
    private void sql(List<SqlIssue> issues, AbstractSQLChange change, boolean inTransaction) {
        String text;
        try {
            text = change.getSql();
        } catch (RuntimeException e) {
            issues.add(new SqlIssue(Rule.OL018, null, "could not read the SQL: " + e.getMessage()));
            return;
        }
        if (text == null || text.isBlank()) {
            return;
        }
        List<PostgreSQLParser.StmtContext> parsed = PostgresSql.parse(text);
        if (parsed != null) {
            issues.addAll(sql.check(parsed, inTransaction));
            return;
        }
        for (String statement : StringUtil.processMultiLineSQL(text, true, !Boolean.FALSE.equals(
                change.isSplitStatements()), change.getEndDelimiter())) {
            if (!statement.isBlank()) {
                issues.addAll(sql.check(statement, inTransaction));
            }
        }
    }

    /** {@code WHERE c IS NULL} on a column the changelog added to the table: that is every row. */
    private boolean onlyNullsOfAnAddedColumn(String table, String where) {
        String[] words = where.trim().split("\\s+");
        return words.length == 3 && words[1].equalsIgnoreCase("is") && words[2].equalsIgnoreCase("null")
                && tables.columnType(table, words[0]) != null;
    }

    private void add(List<SqlIssue> issues, Rule rule, String table, String message) {
        if (!tables.isNew(table)) {
            issues.add(new SqlIssue(rule, table, message));
        }
    }

    private static String name(String name) {
        return name == null ? "" : name + " ";
    }

    private static String file(ChangeSet changeSet) {
        if (changeSet.getChangeLog() != null && changeSet.getChangeLog().getPhysicalFilePath() != null) {
            return changeSet.getChangeLog().getPhysicalFilePath();
        }
        return changeSet.getFilePath();
    }

    private static java.util.Set<String> dbms(AbstractSQLChange change) {
        return change.getDbms() == null ? null : java.util.Arrays.stream(change.getDbms().split(",")).map(String::trim)
                .collect(java.util.stream.Collectors.toSet());
    }

    private static boolean runsOnPostgres(java.util.Set<String> dbms) {
        return dbms == null || dbms.isEmpty() || DatabaseList.definitionMatches(dbms, "postgresql", true);
    }
}
