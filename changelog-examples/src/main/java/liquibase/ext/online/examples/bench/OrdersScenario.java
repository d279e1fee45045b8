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
 * @param changelogs the folder of the changelogs under {@code bench/}, usually the name
 * @param rowsFactor the table gets this many times the benchmark's --rows (to show how time grows with size)
 * @param beforeLoad statements run on the empty table (cheap: columns with defaults are catalog-only)
 * @param afterLoad  statements run on the filled table, before it is vacuumed and analyzed again
 */
record OrdersScenario(String name, String changelogs, int rowsFactor, List<String> beforeLoad,
                      List<String> afterLoad) implements Scenario {

    static OrdersScenario of(String name, String... beforeLoad) {
        return new OrdersScenario(name, name, 1, List.of(beforeLoad), List.of());
    }

    OrdersScenario then(String... afterLoad) {
        return new OrdersScenario(name, changelogs, rowsFactor, beforeLoad, List.of(afterLoad));
    }

    /** The same scenario on a table {@code factor} times as large. */
    OrdersScenario times(int factor) {
        return new OrdersScenario(name + "-" + factor + "x", changelogs, factor, beforeLoad, afterLoad);
    }

    @Override
    public long rows(long benchmarkRows) {
        return benchmarkRows * rowsFactor;
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
        return "bench/" + changelogs + "/stock.xml";
    }

    @Override
    public String onlineChangelog() {
        return "bench/" + changelogs + "/online.xml";
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
