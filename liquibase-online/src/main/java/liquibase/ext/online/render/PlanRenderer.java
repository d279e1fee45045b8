package liquibase.ext.online.render;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;

/**
 * Prints a plan as SQL a DBA can read and run by hand (update-sql). Each returned string is one statement
 * without its terminating semicolon, which Liquibase adds; comments above a step say what it locks and how
 * {@code liquibase update} retries it.
 */
public final class PlanRenderer {

    private PlanRenderer() {
    }

    public static List<String> render(Plan plan) {
        List<String> statements = new ArrayList<>();
        int count = plan.steps().size();
        for (int i = 0; i < count; i++) {
            Step step = plan.steps().get(i);
            String header = header(plan, step, i + 1, count);
            if (step instanceof SqlStep sql) {
                renderSql(sql, header, statements);
            } else if (step instanceof BackfillStep backfill) {
                statements.add(header + BackfillScript.render(backfill));
            }
        }
        return statements;
    }

    private static String header(Plan plan, Step step, int number, int count) {
        StringBuilder header = new StringBuilder();
        header.append("-- ").append(plan.changeLabel()).append(", step ").append(number).append(" of ")
                .append(count).append(": ").append(step.description()).append('\n');
        header.append("-- lock: ").append(step.lock().label());
        if (step.lock().blocksApplication()) {
            header.append(", blocks the application while held");
        }
        header.append('\n');
        if (step instanceof SqlStep && !step.lock().blocksApplication()) {
            header.append("-- liquibase update runs it without lock_timeout: the application can read "
                    + "and write\n");
        } else {
            header.append("-- liquibase update runs it with ").append(step.retry().describe()).append('\n');
        }
        return header.toString();
    }

    private static void renderSql(SqlStep step, String header, List<String> statements) {
        if (step.doneWhen() != null) {
            header = header + "-- liquibase update skips this step when it is already done: " + step.doneWhen()
                    .replaceAll("\\s+", " ").trim() + "\n";
        }
        if (!step.lock().blocksApplication()) {
            statements.add(header + (step.inTransaction() ? "" : "-- runs outside a transaction block\n") + step.sql());
        } else if (step.inTransaction()) {
            statements.add(header + "BEGIN");
            statements.add("SET LOCAL lock_timeout = " + step.retry().lockTimeoutSql());
            statements.add(step.sql());
            statements.add("COMMIT");
        } else {
            statements.add(header + "-- runs outside a transaction block\nSET lock_timeout = "
                    + step.retry().lockTimeoutSql());
            statements.add(step.sql());
            statements.add("RESET lock_timeout");
        }
    }
}
