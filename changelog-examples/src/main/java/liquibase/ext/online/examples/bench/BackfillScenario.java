package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;

/** Setting a value into a nullable column that is NULL in every row: one big UPDATE against batches. */
public final class BackfillScenario implements Scenario {

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public void prepare(Connection connection, long rows) throws SQLException {
        OrdersTable.create(connection);
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER TABLE \"orders\" ADD COLUMN \"status\" varchar(20)");
        }
        OrdersLoader.load(connection, rows);
    }

    @Override
    public String stockChangelog() {
        return "bench/backfill/stock.xml";
    }

    @Override
    public String onlineChangelog() {
        return "bench/backfill/online.xml";
    }
}
