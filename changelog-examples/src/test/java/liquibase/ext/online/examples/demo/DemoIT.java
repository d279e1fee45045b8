package liquibase.ext.online.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

class DemoIT {

    @Test
    void theDemoMigratesABusyTableWithoutFailuresLostRowsOrNulls() throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();

        DemoReport report = new DemoRun(new JdbcTarget(db.url(), db.user(), db.password()), 5_000, 2,
                new PrintStream(OutputStream.nullOutputStream())).run();

        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        assertThat(report.changeSets()).extracting(c -> c.id())
                .containsExactly("1-add-status", "2-status-default", "3-backfill-status");
        assertThat(report.wholeRun().transactions()).isPositive();
        assertThat(report.rowsAfter()).isGreaterThan(5_000);
    }
}
