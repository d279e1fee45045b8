package liquibase.ext.online.lint.sql;

import liquibase.ext.online.lint.Rule;

/**
 * A rule one SQL statement breaks.
 *
 * @param rule    the rule
 * @param table   the table the statement changes, or null when none is known (then it is reported even on a new
 *                table)
 * @param message what is unsafe, naming the table
 */
public record SqlIssue(Rule rule, String table, String message) {
}
