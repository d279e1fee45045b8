package liquibase.ext.online.examples.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import liquibase.ext.online.examples.app.OrdersLoader;
import liquibase.ext.online.examples.app.OrdersTable;
import liquibase.ext.online.examples.db.JdbcTarget;

/**
 * The "instant" ADD COLUMN of the add-column-default-index scenario while another session sits in a 15 s
 * transaction that read the table (a report, a forgotten psql). Stock ALTER TABLE queues behind it, and every
 * application query queues behind the ALTER; addColumnOnline gives up after lock_timeout and retries.
 */
public final class AddColumnBehindLongReaderScenario implements Scenario {

    static final Duration READER = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "add-column-behind-long-reader";
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

    @Override
    public AutoCloseable alongsideMigration(JdbcTarget target) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (Connection c = target.connect()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT count(*) FROM \"orders\" WHERE \"id\" < 100").close();
                    holding.countDown();
                    Thread.sleep(READER.toMillis());
                }
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("the long reader failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "long-reader");
        reader.start();
        if (!holding.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the long reader did not start");
        }
        return () -> reader.join(READER.toMillis() + 30_000);
    }
}
