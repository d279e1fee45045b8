package liquibase.ext.online.change;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ext.online.executor.PlanSource;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.render.PlanRenderer;

/**
 * update-sql for the changes whose plan depends on whether the table is partitioned: with a live connection the
 * plan {@code update} would run, read from the catalog (one step per partition); offline the plan for a plain
 * table, with a comment saying that {@code update} decides from the catalog when it starts.
 */
final class PartitionAwareScripts {

    private PartitionAwareScripts() {
    }

    static List<String> render(Plan plan, Database database, boolean scriptOutput, String table, PlanSource live) {
        if (database.getConnection() instanceof JdbcConnection jdbc) {
            if (scriptOutput) {
                try {
                    return PlanRenderer.render(live.plan(jdbc.getUnderlyingConnection()));
                } catch (SQLException | RuntimeException e) {
                    // an unreadable catalog leaves the plan for a plain table
                }
            }
            return PlanRenderer.render(plan);
        }
        List<String> rendered = new ArrayList<>(PlanRenderer.render(plan));
        if (!rendered.isEmpty()) {
            rendered.set(0, "-- " + plan.changeLabel() + ": printed without a database, as for a plain table. If "
                    + table + " is partitioned, liquibase update reads its partitions when the change starts and "
                    + "runs one step per partition instead (see docs/partitioned-tables.md); run update-sql "
                    + "against the database to see that plan.\n" + rendered.get(0));
        }
        return rendered;
    }
}
