package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;

/**
 * {@code status varchar(20) DEFAULT 'pending' NOT NULL} plus an index on it. The column is catalog-only on
 * PostgreSQL 11+ either way; the difference is the index: stock builds it under a SHARE lock that stops writes.
 */
public final class AddColumnDefaultIndexScenario implements Scenario {

    @Override
    public String name() {
        return "add-column-default-index";
    }

    @Override
    public void prepare(Connection connection, long rows) throws SQLException {
        OrdersTable.create(connection);
        OrdersLoader.load(connection, rows);
    }

    @Override
    public String stockChangelog() {
        return "bench/add-column-default-index/stock.xml";
    }

    @Override
    public String onlineChangelog() {
        return "bench/add-column-default-index/online.xml";
    }
}
