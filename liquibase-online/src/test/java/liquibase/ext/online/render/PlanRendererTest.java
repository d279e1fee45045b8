package liquibase.ext.online.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;

/**
 * update-sql output is compared with reviewed golden files in src/test/resources/plans. To accept a deliberate
 * change, run with -Dgolden.update=true and review the diff.
 */
class PlanRendererTest {

    private static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void aBackfillIsPrintedAsADoBlockThatCommitsEveryBatch() throws IOException {
        BackfillStep step = new BackfillStep("backfill status of public.orders where it IS NULL, in batches",
                "public.orders", "status", "'pending'", "total_cents > 0", List.of("id"), 10_000, 0, RETRY);

        assertMatchesGolden("backfill-single-key.sql", render(new Plan("backfillInBatches in changeset c.xml::2::ann",
                List.of(), List.of(step))));
    }

    @Test
    void aCompositeKeyIsComparedAsARowAndAPauseSleepsBetweenBatches() throws IOException {
        BackfillStep step = new BackfillStep("backfill price of public.order_lines where it IS NULL, in batches",
                "public.order_lines", "price", "order_id * 100", null, List.of("order_id", "line_no"), 500, 250,
                RETRY);

        assertMatchesGolden("backfill-composite-key.sql", render(new Plan("backfillInBatches in changeset c.xml::3::ann",
                List.of(), List.of(step))));
    }

    @Test
    void aBackfillWhoseKeyIsUnknownSaysHowToPrintTheLoop() {
        BackfillStep step = new BackfillStep("backfill status", "public.orders", "status", "'x'", null, List.of(),
                100, 0, RETRY);

        assertThat(render(new Plan("c", List.of(), List.of(step))))
                .contains("The batch loop is not printed")
                .doesNotContain("DO $online$");
    }

    @Test
    void aLockingStatementRunsInItsOwnTransactionUnderLockTimeout() throws IOException {
        SqlStep add = new SqlStep("add column status", "ALTER TABLE public.orders ADD COLUMN status text",
                LockLevel.ACCESS_EXCLUSIVE, "public.orders", true, RETRY,
                "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'status')");
        SqlStep index = new SqlStep("build index", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON public.orders (status)",
                LockLevel.SHARE_UPDATE_EXCLUSIVE, "public.orders", false, RETRY);

        assertMatchesGolden("sql-steps.sql", render(new Plan("addColumnOnline in changeset c.xml::4::ann",
                List.of(), List.of(add, index))));
    }

    /** What Liquibase's LoggingExecutor writes: each statement followed by ";" and a newline. */
    private static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        PlanRenderer.render(plan).forEach(statement -> out.append(statement).append(";\n"));
        return out.toString();
    }

    private static void assertMatchesGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/plans", name), actual);
        }
        try (InputStream in = PlanRendererTest.class.getResourceAsStream("/plans/" + name)) {
            assertThat(in).as("golden file plans/" + name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
