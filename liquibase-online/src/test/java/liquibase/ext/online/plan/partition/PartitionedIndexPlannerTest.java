package liquibase.ext.online.plan.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.catalog.PartitionTree;
import liquibase.ext.online.catalog.PartitionTree.Partition;
import liquibase.ext.online.plan.IndexSpec;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.TableRef;

class PartitionedIndexPlannerTest {

    private static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofSeconds(1), 10, Duration.ofMillis(500), Duration.ofSeconds(3));

    private static final PartitionTree TREE = new PartitionTree(
            new Partition("public.m", "m", null, 0, true), List.of("id"), List.of(
            new Partition("public.m1", "m1", "public.m", 1, false),
            new Partition("public.m2", "m2", "public.m", 1, true),
            new Partition("public.md", "md", "public.m", 1, false),
            new Partition("public.m2a", "m2a", "public.m2", 2, false),
            new Partition("public.m2d", "m2d", "public.m2", 2, false)));

    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("public.m", List.of("id"));
        KEYS.put("public.m2", List.of("k"));
    }

    private static IndexSpec spec(boolean unique, String... columns) {
        return new IndexSpec("createIndexConcurrently", new TableRef(null, "m", "public.m"), "", "m_idx", unique,
                List.of(columns), List.of(columns), List.of(columns), null, null, RETRY);
    }

    private static List<String> sql(Plan plan) {
        return plan.steps().stream().map(s -> ((SqlStep) s).sql()).toList();
    }

    @Test
    void partitionedTablesOnlyThenEachLeafBuiltAndAttachedThenIntermediatesBottomUpThenTheCheck() {
        List<String> sql = sql(PartitionedIndexPlanner.create(spec(false, "v"), TREE, KEYS));

        assertThat(sql.subList(0, 2)).containsExactly(
                "CREATE INDEX IF NOT EXISTS m_idx ON ONLY public.m (v)",
                "CREATE INDEX IF NOT EXISTS m2_m_idx ON ONLY public.m2 (v)");
        assertThat(sql.subList(2, 5)).containsExactly(
                "DROP INDEX CONCURRENTLY IF EXISTS public.m1_m_idx",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS m1_m_idx ON public.m1 (v)",
                "ALTER INDEX public.m_idx ATTACH PARTITION public.m1_m_idx");
        assertThat(sql).contains("ALTER INDEX public.m2_m_idx ATTACH PARTITION public.m2d_m_idx");
        assertThat(sql.get(sql.size() - 2)).isEqualTo("ALTER INDEX public.m_idx ATTACH PARTITION public.m2_m_idx");
        assertThat(sql.get(sql.size() - 1)).startsWith("DO $online$").contains("indisvalid");
        assertThat(sql).hasSize(2 + 4 * 3 + 1 + 1);
    }

    @Test
    void aUniqueIndexMissingASubPartitionsKeyIsRefusedAtStart() {
        Plan plan = PartitionedIndexPlanner.create(spec(true, "id"), TREE, KEYS);

        assertThat(plan.preconditions()).anySatisfy(p -> assertThat(p).isInstanceOfSatisfying(
                Precondition.Refused.class, r -> assertThat(r.message()).contains("partition key (id, k)")
                        .contains("gives (id)")));
        assertThat(PartitionedIndexPlanner.create(spec(true, "id", "k"), TREE, KEYS).preconditions())
                .noneMatch(Precondition.Refused.class::isInstance);
    }

    @Test
    void theUniqueConstraintIsMadePerLeafThenOnTheRoot() {
        Plan plan = PartitionedIndexPlanner.unique(spec(true, "id", "k"), List.of("id", "k"), "", TREE, KEYS);
        List<String> sql = sql(plan);

        assertThat(sql).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS m2a_id_k_key ON public.m2a (id, k)",
                "ALTER TABLE public.m2a ADD CONSTRAINT m2a_id_k_key UNIQUE USING INDEX m2a_id_k_key");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("ALTER TABLE public.m ADD CONSTRAINT m_idx UNIQUE (id, k)");
        assertThat(((SqlStep) plan.steps().get(plan.steps().size() - 1)).verify()).contains("conparentid <> 0");
    }

    @Test
    void aPartitionedIndexIsDroppedPlainlyUnderLockTimeout() {
        SqlStep step = (SqlStep) PartitionedIndexPlanner.drop("dropIndexConcurrently", null, "public.m", "m_idx",
                RETRY).steps().get(0);

        assertThat(step.sql()).isEqualTo("DROP INDEX IF EXISTS m_idx");
        assertThat(step.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(step.inTransaction()).isTrue();
        assertThat(step.description()).contains("ACCESS EXCLUSIVE on public.m, every partition and their indexes");
    }

    @Test
    void namesAreQuotedOnlyWhenTheyMustBeAndTheSchemaIsFoundInQuotedNames() {
        assertThat(SqlNames.quote("m1_idx")).isEqualTo("m1_idx");
        assertThat(SqlNames.quote("M1_idx")).isEqualTo("\"M1_idx\"");
        assertThat(SqlNames.unquote("\"a\"\"b\"")).isEqualTo("a\"b");
        assertThat(SqlNames.schemaPrefix("\"s.x\".\"t\"")).isEqualTo("\"s.x\".");
        assertThat(SqlNames.schemaPrefix("public.t")).isEqualTo("public.");
    }
}
