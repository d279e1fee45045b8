package liquibase.ext.online.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.testing.Bounded;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

class DemoIT {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** The demo's application threads run beside it; a demo that does not end fails the test instead. */
    private static DemoReport run(String changelog) throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        return Bounded.call("the demo of " + changelog, Duration.ofMinutes(3),
                () -> new DemoRun(new JdbcTarget(db.url(), db.user(), db.password()), changelog, 5_000, 2, QUIET).run());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theOnlineMigrationKeepsTheApplicationWorkingAcrossThreeReleases() throws Exception {
        DemoReport report = run(DemoRun.CHANGELOG);

        assertThat(report.checks()).allSatisfy(check -> assertThat(check.passed()).as(check.detail()).isTrue());
        assertThat(report.changeSets()).extracting(c -> c.id()).containsExactly("1-add-status",
                "2-add-total-cents", "3-backfill-total-cents", "4-index-status", "5-backfill-total-cents-again",
                "6-total-cents-not-null", "7-rename-status", "8-complete-rename");
        assertThat(report.releases()).extracting(ReleaseResult::app).containsExactly("V1", "V2", "V3");
        assertThat(report.rowsAfter()).isGreaterThan(5_000);
    }

    /** The demo's first step: online-lint finds the stock changelog's unsafe changes, without a database. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void onlineLintReportsTheStockChangelogsUnsafeChanges() throws Exception {
        String report = OnlineLintStep.run(DemoRun.STOCK_CHANGELOG);

        assertThat(report)
                .contains("demo/stock-changelog.xml:33: error OL001 create-index-not-concurrently")
                .contains("error OL014 update-whole-table")
                .contains("error OL006 add-not-null")
                .contains("error OL011 rename-column")
                .contains("instead: online:renameColumnWithTrigger");
        assertThat(OnlineLintStep.run(DemoRun.CHANGELOG)).contains("0 finding(s)");
    }

    /** What --compare shows: the stock rename breaks the application version that still uses the old name. */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theStockMigrationMakesTheRunningApplicationFail() throws Exception {
        DemoReport report = run(DemoRun.STOCK_CHANGELOG);

        assertThat(report.wholeRun().failures()).isPositive();
        assertThat(report.errors()).anySatisfy(e -> assertThat(e).contains("status"));
    }
}
