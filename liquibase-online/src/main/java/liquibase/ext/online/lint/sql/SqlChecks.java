package liquibase.ext.online.lint.sql;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.Interval;

import liquibase.ext.online.lint.KnownTables;
import liquibase.ext.online.lint.Rule;
import liquibase.ext.online.lint.TypeChanges;
import liquibase.ext.online.lint.Volatility;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser.Alter_table_cmdContext;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser.ColconstraintelemContext;
import liquibase.ext.online.lint.sql.grammar.PostgreSQLParser.ConstraintelemContext;

/**
 * The rules for the statements of {@code sql} and {@code sqlFile} changes, read from the PostgreSQL parse tree.
 * Tables the changelog creates with CREATE TABLE are recorded in {@link KnownTables} as the statements go by.
 */
public final class SqlChecks {

    private final KnownTables tables;

    public SqlChecks(KnownTables tables) {
        this.tables = tables;
    }

    /** The issues of one statement (as Liquibase split it); a statement that does not parse gives OL018. */
    public List<SqlIssue> check(String statement, boolean inTransaction) {
        List<SqlIssue> issues = new ArrayList<>();
        List<PostgreSQLParser.StmtContext> parsed = PostgresSql.parse(statement);
        if (parsed == null) {
            report(issues, new SqlIssue(Rule.OL018, null, "could not parse: " + abbreviate(statement)));
            return issues;
        }
        return check(parsed, inTransaction);
    }

    /** The issues of statements already parsed by {@link PostgresSql#parse}. */
    public List<SqlIssue> check(List<PostgreSQLParser.StmtContext> parsed, boolean inTransaction) {
        List<SqlIssue> issues = new ArrayList<>();
        for (PostgreSQLParser.StmtContext stmt : parsed) {
            check(stmt, inTransaction, issues);
        }
        return issues;
    }

    private void check(PostgreSQLParser.StmtContext stmt, boolean inTransaction, List<SqlIssue> issues) {
        if (stmt.createstmt() != null && stmt.createstmt().qualified_name(0) != null) {
            tables.created(stmt.createstmt().qualified_name(0).getText());
        } else if (stmt.indexstmt() != null) {
            index(stmt.indexstmt(), inTransaction, issues);
        } else if (stmt.dropstmt() != null) {
            drop(stmt.dropstmt(), inTransaction, issues);
        } else if (stmt.reindexstmt() != null && stmt.reindexstmt().concurrently_() != null && inTransaction) {
            report(issues, new SqlIssue(Rule.OL016, null, "REINDEX ... CONCURRENTLY in a changeset that runs in a "
                    + "transaction"));
        } else if (stmt.altertablestmt() != null) {
            alterTable(stmt.altertablestmt(), issues);
        } else if (stmt.renamestmt() != null) {
            rename(stmt.renamestmt(), issues);
        } else if (stmt.updatestmt() != null) {
            PostgreSQLParser.UpdatestmtContext update = stmt.updatestmt();
            if (update.where_or_current_clause() == null) {
                String table = update.relation_expr_opt_alias().relation_expr().getText();
                report(issues, new SqlIssue(Rule.OL014, table, "UPDATE of every row of " + table));
            }
        } else if (stmt.deletestmt() != null) {
            PostgreSQLParser.DeletestmtContext delete = stmt.deletestmt();
            if (delete.where_or_current_clause() == null) {
                String table = delete.relation_expr_opt_alias().relation_expr().getText();
                report(issues, new SqlIssue(Rule.OL015, table, "DELETE of every row of " + table));
            }
        }
    }

    private void index(PostgreSQLParser.IndexstmtContext index, boolean inTransaction, List<SqlIssue> issues) {
        String table = index.relation_expr().getText();
        if (index.concurrently_() == null) {
            report(issues, new SqlIssue(Rule.OL001, table, "CREATE INDEX on " + table + " without CONCURRENTLY"));
        } else if (inTransaction) {
            report(issues, new SqlIssue(Rule.OL016, null, "CREATE INDEX CONCURRENTLY on " + table
                    + " in a changeset that runs in a transaction"));
        }
    }

    private void drop(PostgreSQLParser.DropstmtContext drop, boolean inTransaction, List<SqlIssue> issues) {
        if (drop.CONCURRENTLY() != null) {
            if (inTransaction) {
                report(issues, new SqlIssue(Rule.OL016, null, "DROP INDEX CONCURRENTLY in a changeset that runs in a "
                        + "transaction"));
            }
        } else if (drop.object_type_any_name() != null && drop.object_type_any_name().INDEX() != null) {
            // the index's table is not in the statement: it counts as an existing table
            report(issues, new SqlIssue(Rule.OL002, null, "DROP INDEX " + text(drop.any_name_list_())
                    + " without CONCURRENTLY"));
        }
    }

    private void alterTable(PostgreSQLParser.AltertablestmtContext alter, List<SqlIssue> issues) {
        if (alter.TABLE() == null || alter.relation_expr() == null || alter.alter_table_cmds() == null) {
            return;
        }
        String table = alter.relation_expr().getText();
        for (Alter_table_cmdContext cmd : alter.alter_table_cmds().alter_table_cmd()) {
            if (cmd.ADD_P() != null && cmd.columnDef() != null) {
                addColumn(table, cmd.columnDef(), issues);
            } else if (cmd.ALTER() != null && cmd.SET() != null && cmd.NOT() != null && cmd.NULL_P() != null) {
                report(issues, new SqlIssue(Rule.OL006, table, "SET NOT NULL on " + table + "." + cmd.colid(0).getText()));
            } else if (cmd.ALTER() != null && cmd.TYPE_P() != null && cmd.typename() != null) {
                String column = cmd.colid(0).getText();
                String type = text(cmd.typename());
                if (!TypeChanges.withoutRewrite(tables.columnType(table, column), type)) {
                    report(issues, new SqlIssue(Rule.OL010, table, "ALTER COLUMN " + table + "." + column + " TYPE "
                            + type));
                }
                tables.column(table, column, type);
            } else if (cmd.DROP() != null && !cmd.colid().isEmpty() && cmd.CONSTRAINT() == null && cmd.ALTER() == null) {
                report(issues, new SqlIssue(Rule.OL013, table, "DROP COLUMN " + table + "." + cmd.colid(0).getText()));
            } else if (cmd.ADD_P() != null && cmd.tableconstraint() != null) {
                constraint(table, cmd.tableconstraint().constraintelem(), issues);
            }
        }
    }

    private void addColumn(String table, PostgreSQLParser.ColumnDefContext column, List<SqlIssue> issues) {
        String name = table + "." + column.colid().getText();
        String type = text(column.typename());
        tables.column(table, column.colid().getText(), type);
        boolean notNull = false;
        boolean hasDefault = false;
        String volatileDefault = Volatility.isSerial(type) ? "type " + type : null;
        for (PostgreSQLParser.ColconstraintContext constraint : column.colquallist().colconstraint()) {
            ColconstraintelemContext elem = constraint.colconstraintelem();
            if (elem == null) {
                continue;
            }
            if (elem.NOT() != null && elem.NULL_P() != null) {
                notNull = true;
            } else if (elem.DEFAULT() != null) {
                hasDefault = true;
                String call = Volatility.volatileCall(text(elem.b_expr()));
                if (call != null && volatileDefault == null) {
                    volatileDefault = "DEFAULT " + call;
                }
            } else if (elem.GENERATED() != null) {
                hasDefault = true;
                if (volatileDefault == null) {
                    volatileDefault = elem.IDENTITY_P() != null ? "an identity" : "a stored generated value";
                }
            } else if (elem.PRIMARY() != null) {
                report(issues, new SqlIssue(Rule.OL009, table, "ADD COLUMN " + name + " PRIMARY KEY"));
            } else if (elem.UNIQUE() != null) {
                report(issues, new SqlIssue(Rule.OL008, table, "ADD COLUMN " + name + " UNIQUE"));
            }
        }
        if (volatileDefault != null) {
            report(issues, new SqlIssue(Rule.OL003, table, "ADD COLUMN " + name + " with " + volatileDefault));
        } else if (notNull && !hasDefault) {
            report(issues, new SqlIssue(Rule.OL004, table, "ADD COLUMN " + name + " NOT NULL without a default"));
        }
    }

    private void constraint(String table, ConstraintelemContext elem, List<SqlIssue> issues) {
        boolean notValid = elem.constraintattributespec() != null && elem.constraintattributespec()
                .constraintattributeElem().stream().anyMatch(a -> a.NOT() != null && a.VALID() != null);
        if (elem.FOREIGN() != null && !notValid) {
            report(issues, new SqlIssue(Rule.OL007, table, "ADD FOREIGN KEY on " + table + " referencing "
                    + elem.qualified_name().getText() + " without NOT VALID"));
        } else if (elem.CHECK() != null && !notValid) {
            report(issues, new SqlIssue(Rule.OL017, table, "ADD CHECK on " + table + " without NOT VALID"));
        } else if (elem.UNIQUE() != null && elem.existingindex() == null) {
            report(issues, new SqlIssue(Rule.OL008, table, "ADD UNIQUE on " + table + " without USING INDEX"));
        } else if (elem.PRIMARY() != null && elem.existingindex() == null) {
            report(issues, new SqlIssue(Rule.OL009, table, "ADD PRIMARY KEY on " + table + " without USING INDEX"));
        }
    }

    private void rename(PostgreSQLParser.RenamestmtContext rename, List<SqlIssue> issues) {
        if (rename.TABLE() == null || rename.FOREIGN() != null || rename.CONSTRAINT() != null
                || rename.relation_expr() == null) {
            return;
        }
        String table = rename.relation_expr().getText();
        if (rename.name().size() == 2) {
            report(issues, new SqlIssue(Rule.OL011, table, "RENAME COLUMN " + table + "." + rename.name(0).getText()
                    + " TO " + rename.name(1).getText()));
        } else if (rename.name().size() == 1) {
            String newName = rename.name(0).getText();
            report(issues, new SqlIssue(Rule.OL012, table, "RENAME TABLE " + table + " TO " + newName));
            tables.renamed(table, newName);
        }
    }

    /** Adds an issue unless it is on a table the changelog created: that table is new and empty. */
    private void report(List<SqlIssue> issues, SqlIssue issue) {
        if (issue.table() == null || !tables.isNew(issue.table())) {
            issues.add(issue);
        }
    }

    /** The statement's own text for a node, spaces included. */
    static String text(ParserRuleContext context) {
        if (context == null || context.start == null || context.stop == null) {
            return "";
        }
        return context.start.getInputStream().getText(Interval.of(context.start.getStartIndex(),
                context.stop.getStopIndex()));
    }

    private static String abbreviate(String statement) {
        String oneLine = String.join(" ", statement.trim().split("\\s+"));
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
