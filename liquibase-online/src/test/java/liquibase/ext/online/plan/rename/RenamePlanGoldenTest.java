package liquibase.ext.online.plan.rename;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.database.core.PostgresDatabase;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.structure.core.Index;
import liquibase.ext.online.catalog.ColumnFacts;

/**
 * The update-sql text of both halves of a rename, from given catalog facts, compared with reviewed golden files
 * in src/test/resources/plans. To accept a deliberate change, run with -Dgolden.update=true and review the diff.
 */
class RenamePlanGoldenTest {

    private static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMillis(500), Duration.ofSeconds(10));
    private static final PostgresDatabase DATABASE = new PostgresDatabase();

    private static RenameTarget target(String label, String type) {
        return new RenameTarget(label, new TableRef(null, "orders", "public.orders"), "status", "order_status", type,
                "online_sync_status_order_status", "public.online_sync_orders_status_order_status", 1000, 0, RETRY,
                name -> DATABASE.escapeObjectName(name, Index.class));
    }

    private static final ColumnFacts STATUS = new ColumnFacts("character varying(20)", true,
            "'pending'::character varying", "public",
            List.of(new ColumnFacts.Index("orders_status_key", "orders_status_key", true, "USING btree (status)", true),
                    new ColumnFacts.Index("orders_open", "orders_open", false,
                            "USING btree (customer_id, lower((status)::text)) WHERE ((status)::text <> 'done'::text)",
                            false)),
            List.of(new ColumnFacts.Constraint("orders_status_check", false,
                            "CHECK (((status)::text <> ''::text))"),
                    new ColumnFacts.Constraint("orders_status_fkey", true,
                            "FOREIGN KEY (status) REFERENCES statuses(code)")),
            List.of(new ColumnFacts.InboundKey("public.events", "events_order_status_fkey",
                    "events_order_status_fkey", "FOREIGN KEY (order_status) REFERENCES orders(status)")));

    @Test
    void theExpandCopiesWhatTheCatalogSaysAboutTheOldColumn() throws IOException {
        Plan plan = new ExpandPlanner(target("renameColumnWithTrigger in changeset r.xml::1::ann", null)).plan(STATUS);

        assertMatchesGolden("rename-expand.sql", render(plan.withBackfillKeys(table -> List.of("id"))));
    }

    @Test
    void theExpandWithoutTheCatalogPlansOnlyWhatItKnows() throws IOException {
        Plan plan = new ExpandPlanner(target("renameColumnWithTrigger in changeset r.xml::1::ann", "text")).plan(null);

        assertMatchesGolden("rename-expand-no-catalog.sql", render(plan));
    }

    @Test
    void theContractMovesTheDefaultDropsInboundKeysAndThenTheOldColumnWithTriggerAndFunction() throws IOException {
        Plan plan = new ContractPlanner(target("completeColumnRename in changeset r.xml::2::ann", null)).plan(STATUS);

        assertMatchesGolden("rename-complete.sql", render(plan));
    }

    @Test
    void rollbacksUndoEachHalf() throws IOException {
        ColumnFacts added = new ColumnFacts("character varying(20)", true, null, "public",
                List.of(new ColumnFacts.Index("orders_open_order_status", "orders_open_order_status", false,
                        "USING btree (customer_id)", false)),
                List.of(), List.of(new ColumnFacts.InboundKey("public.events", "events_order_order_status_fkey",
                "events_order_order_status_fkey", "FOREIGN KEY (order_status) REFERENCES orders(order_status)")));
        ColumnFacts renamed = new ColumnFacts("character varying(20)", true, "'pending'::character varying",
                "public", List.of(), List.of(), List.of());

        assertMatchesGolden("rename-expand-rollback.sql", render(new ExpandPlanner(
                target("renameColumnWithTrigger in changeset r.xml::1::ann", null)).rollback(added)));
        assertMatchesGolden("rename-complete-rollback.sql", render(new ContractPlanner(
                target("completeColumnRename in changeset r.xml::2::ann", null)).rollback(renamed)));
    }

    @Test
    void theTriggerCopiesWhicheverColumnTheStatementWroteAndPrefersTheNewOne() throws IOException {
        assertMatchesGolden("rename-trigger-function.sql",
                SyncTrigger.createFunction("public.f", "status", "order_status") + ";\n");
    }

    /**
     * Every copied index is built with IF NOT EXISTS, so a relation that already has the copy's name would
     * silently stand in for it: the name must be free (or hold an index on this table) before the first step,
     * as for every other index a change builds.
     */
    @Test
    void copiedIndexNamesMustBeFreeBeforeTheFirstStep() {
        Plan plan = new ExpandPlanner(target("renameColumnWithTrigger in changeset r.xml::1::ann", null)).plan(STATUS);
        assertThat(plan.preconditions()).filteredOn(Precondition.IndexNameFree.class::isInstance)
                .extracting(p -> ((Precondition.IndexNameFree) p).index())
                .containsExactly("orders_order_status_key", "orders_open_order_status");
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
        try (InputStream in = RenamePlanGoldenTest.class.getResourceAsStream("/plans/" + name)) {
            assertThat(in).as("golden file plans/" + name).isNotNull();
            assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
