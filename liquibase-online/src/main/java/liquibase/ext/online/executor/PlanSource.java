package liquibase.ext.online.executor;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.ext.online.plan.Plan;

/** Makes a change's plan when it is about to run; it may read the catalog, and must not change anything. */
@FunctionalInterface
public interface PlanSource {

    Plan plan(Connection connection) throws SQLException;
}
