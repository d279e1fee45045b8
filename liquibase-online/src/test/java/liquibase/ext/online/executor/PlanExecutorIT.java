package liquibase.ext.online.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import liquibase.ext.online.message.OnlineChangeException;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.testing.PostgresServer;
import liquibase.ext.online.testing.TestDatabase;

/** The executor's contract for steps whose success is more than their statement's (an index build). */
class PlanExecutorIT {

    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofMillis(200), 3, Duration.ofMillis(10),
            Duration.ofMillis(50));

    private TestDatabase db;
    private Connection connection;
    private PlanExecutor executor;

    @BeforeEach
    void tableWithDuplicates() {
        db = PostgresServer.get().newDatabase();
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int)", "INSERT INTO t SELECT g, g % 10 FROM generate_series(1, 100) g");
        connection = db.connect();
        executor = new PlanExecutor(connection, OnlineLog.fromCurrentScope(), Duration.ofSeconds(5), null);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    private static Plan plan(SqlStep... steps) {
        return new Plan("test change", List.of(), List.of(steps));
    }

    @Test
    void anIndexBuildThatLeavesAnInvalidIndexFailsInsteadOfReportingSuccess() {
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY t_v_idx ON t (v)"));
        SqlStep build = IndexSteps.buildConcurrently("build index t_v_idx", "public.t", "public.", "t_v_idx",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v_idx ON public.t (v)", RETRY).get(1);

        assertThatThrownBy(() -> executor.execute(plan(build))).isInstanceOf(OnlineChangeException.class)
                .hasMessageContaining("step 'build index t_v_idx' finished, but its result is not in place");
    }

    @Test
    void bothIndexStepsTogetherReplaceAnInvalidLeftoverWithAValidIndex() throws Exception {
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY t_v_idx ON t (v)"));

        executor.execute(new Plan("test change", List.of(), List.copyOf(IndexSteps.buildConcurrently(
                "build index t_v_idx", "public.t", "public.", "t_v_idx",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_v_idx ON public.t (v)", RETRY))));

        assertThat(db.queryOne("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_v_idx'::regclass")).isEqualTo(true);
    }

    @Test
    void aStepRetriedAfterADeadlockRunsItsRepairFirst() throws Exception {
        // nextval is not rolled back, so only the first attempt fails
        db.execute("CREATE SEQUENCE attempts", "CREATE TABLE repairs (n int)");
        SqlStep repair = new SqlStep("repair", "INSERT INTO repairs VALUES (1)", LockLevel.NONE, null, false, RETRY,
                "SELECT false");
        SqlStep flaky = new SqlStep("flaky", "DO $$ BEGIN IF nextval('attempts') = 1 THEN "
                + "RAISE EXCEPTION 'simulated' USING ERRCODE = 'deadlock_detected'; END IF; END $$",
                LockLevel.SHARE_UPDATE_EXCLUSIVE, "public.t", false, RETRY, null, "SELECT true", repair);

        executor.execute(plan(flaky));

        assertThat(db.count("SELECT count(*) FROM repairs")).isEqualTo(1);
        assertThat(db.count("SELECT last_value FROM attempts")).isEqualTo(2);
    }

    @Test
    void aStepWhoseResultDoesNotHoldIsAFailureAndIsNotRetried() {
        db.execute("CREATE SEQUENCE attempts");
        SqlStep step = new SqlStep("counted", "SELECT nextval('attempts')", LockLevel.NONE, null, false, RETRY,
                null, "SELECT false", null);

        assertThatThrownBy(() -> executor.execute(plan(step))).hasMessageContaining("not in place");
        assertThat(db.count("SELECT last_value FROM attempts")).isEqualTo(1);
    }
}
