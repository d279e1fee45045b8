package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;

/**
 * {@code token uuid DEFAULT gen_random_uuid() NOT NULL}: a volatile default makes stock ADD COLUMN rewrite the
 * whole table under ACCESS EXCLUSIVE; addColumnOnline sets the default first and backfills in batches.
 */
public final class AddColumnVolatileDefaultScenario implements Scenario {

    @Override
    public String name() {
        return "add-column-volatile-default";
    }

    @Override
    public void prepare(Connection connection, long rows) throws SQLException {
        OrdersTable.create(connection);
        OrdersLoader.load(connection, rows);
    }

    @Override
    public String stockChangelog() {
        return "bench/add-column-volatile-default/stock.xml";
    }

    @Override
    public String onlineChangelog() {
        return "bench/add-column-volatile-default/online.xml";
    }
}
