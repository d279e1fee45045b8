package liquibase.ext.online.plan.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.catalog.PartitionTree.Partition;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.NewColumn;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.TableRef;
import liquibase.ext.online.plan.column.AddColumnPlanner;

class PartitionedColumnPlannerTest {

    private static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMillis(500), Duration.ofSeconds(3));

    private static final TableRef TABLE = new TableRef(null, "m", "public.m");

    private static final PartitionTree TREE = new PartitionTree(
            new Partition("public.m", "m", null, 0, true), List.of("id"), List.of(
            new Partition("public.m1", "m1", "public.m", 1, false),
            new Partition("public.m2", "m2", "public.m", 1, true),
            new Partition("public.m2a", "m2a", "public.m2", 2, false)));

    private static AddColumnSpec spec(String unique, NewColumn.ForeignKey fk, String index) {
        return new AddColumnSpec("addColumnOnline", TABLE, "", List.of(new NewColumn("b", "bigint", null,
                NewColumn.DefaultKind.NONE, false, null, null, null, unique, fk, null, index, null)), 1000, 0, null,
                RETRY);
    }

    private static final NewColumn.ForeignKey FK = new NewColumn.ForeignKey("m_b_fk",
            new TableRef(null, "c", "public.c"), List.of("id"), "references", "");

    private static List<String> sql(Plan plan) {
        return plan.steps().stream().map(s -> ((SqlStep) s).sql()).toList();
    }

    private static Plan plan(AddColumnSpec spec, int major, PartitionTree tree) {
        return PartitionedColumnPlanner.plan(spec, new AddColumnPlanner.Facts(major, Set.of()), tree);
    }

    @Test
    void aForeignKeyGoesLeafByLeafThenTheRootBefore18AndOnTheRootFrom18() {
        List<String> on12 = sql(plan(spec(null, FK, null), 12, TREE));
        assertThat(on12).containsExactly(
                "ALTER TABLE public.m ADD COLUMN b bigint",
                "ALTER TABLE public.m1 ADD CONSTRAINT m_b_fk FOREIGN KEY (b) REFERENCES public.c (id) NOT VALID",
                "ALTER TABLE public.m1 VALIDATE CONSTRAINT m_b_fk",
                "ALTER TABLE public.m2a ADD CONSTRAINT m_b_fk FOREIGN KEY (b) REFERENCES public.c (id) NOT VALID",
                "ALTER TABLE public.m2a VALIDATE CONSTRAINT m_b_fk",
                "ALTER TABLE public.m ADD CONSTRAINT m_b_fk FOREIGN KEY (b) REFERENCES public.c (id)");
        assertThat(plan(spec(null, FK, null), 12, TREE).preconditions())
                .anyMatch(Precondition.ReferencedColumns.class::isInstance);

        assertThat(sql(plan(spec(null, FK, null), 18, TREE)))
                .isEqualTo(sql(AddColumnPlanner.plan(spec(null, FK, null), new AddColumnPlanner.Facts(18, Set.of()))));
    }

    @Test
    void anIndexIsBuiltPerLeafAndAttachedWithoutColumnChecksAtStart() {
        Plan plan = plan(spec(null, null, "m_b_idx"), 16, TREE);

        assertThat(sql(plan)).contains("CREATE INDEX IF NOT EXISTS m_b_idx ON ONLY public.m (b)",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS m1_m_b_idx ON public.m1 (b)",
                "ALTER INDEX public.m_b_idx ATTACH PARTITION public.m1_m_b_idx")
                .doesNotContain("CREATE INDEX CONCURRENTLY m_b_idx ON public.m (b)");
        assertThat(plan.preconditions()).noneMatch(Precondition.ColumnExists.class::isInstance)
                .anyMatch(Precondition.IndexNameFree.class::isInstance);
    }

    @Test
    void uniqueIsRefusedAndAPlainTableKeepsThePlainPlan() {
        assertThat(plan(spec("m_b_key", null, null), 16, TREE).preconditions().get(0))
                .isInstanceOf(Precondition.Refused.class);
        assertThat(sql(plan(spec(null, FK, "m_b_idx"), 12, null)))
                .isEqualTo(sql(AddColumnPlanner.plan(spec(null, FK, "m_b_idx"),
                        new AddColumnPlanner.Facts(12, Set.of()))));
    }

    @Test
    void theRollbackDropsThePartitionedIndexWithoutConcurrently() {
        AddColumnSpec spec = spec(null, null, "m_b_idx");
        Plan plain = AddColumnPlanner.rollback(spec);

        assertThat(sql(PartitionedColumnPlanner.rollback(plain, spec, TREE)))
                .contains("DROP INDEX IF EXISTS m_b_idx")
                .noneMatch(s -> s.startsWith("DROP INDEX CONCURRENTLY"));
        assertThat(PartitionedColumnPlanner.rollback(plain, spec, null)).isSameAs(plain);
    }
}
