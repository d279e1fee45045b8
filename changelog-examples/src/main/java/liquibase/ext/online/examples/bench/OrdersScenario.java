package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;

/**
 * A scenario on the loaded {@code orders} table: a few SQL statements shape it first (extra columns, a table to
 * reference), then the changelogs {@code bench/<name>/stock.xml} and {@code bench/<name>/online.xml} run.
 *
 * @param beforeLoad statements run on the empty table (cheap: columns with defaults are catalog-only)
 * @param afterLoad  statements run on the filled table, before it is vacuumed and analyzed again
 */
record OrdersScenario(String name, List<String> beforeLoad, List<String> afterLoad) implements Scenario {

    static OrdersScenario of(String name, String... beforeLoad) {
        return new OrdersScenario(name, List.of(beforeLoad), List.of());
    }

    OrdersScenario then(String... afterLoad) {
        return new OrdersScenario(name, beforeLoad, List.of(afterLoad));
    }

    @Override
    public void prepare(Connection connection, long rows) throws SQLException {
        OrdersTable.create(connection);
        run(connection, beforeLoad);
        OrdersLoader.load(connection, rows);
        if (!afterLoad.isEmpty()) {
            run(connection, afterLoad);
            run(connection, List.of("VACUUM ANALYZE \"orders\""));
        }
    }

    @Override
    public String stockChangelog() {
        return "bench/" + name + "/stock.xml";
    }

    @Override
    public String onlineChangelog() {
        return "bench/" + name + "/online.xml";
    }

    private static void run(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
