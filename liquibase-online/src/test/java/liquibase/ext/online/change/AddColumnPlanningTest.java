package liquibase.ext.online.change;

import static liquibase.ext.online.change.AddColumnOnlineChangeTest.change;
import static liquibase.ext.online.change.AddColumnOnlineChangeTest.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import liquibase.change.AddColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.database.core.PostgresDatabase;
import liquibase.ext.online.plan.column.AddColumnPlanner;
import liquibase.ext.online.plan.column.AddColumnPlanner.Facts;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.statement.DatabaseFunction;

/** The steps addColumnOnline plans per kind of column, without a database. */
class AddColumnPlanningTest {

    private static final PostgresDatabase PG = new PostgresDatabase();
    private static final Facts PG16 = new Facts(16, Set.of());

    @Test
    void aNullableColumnWithoutDefaultIsOneGuardedAddColumn() {
        Plan plan = plan(change(column("note", "text")), PG16);

        assertThat(sql(plan)).containsExactly("ALTER TABLE orders ADD COLUMN note TEXT");
        assertThat(((SqlStep) plan.steps().get(0)).doneWhen()).contains("attname = (parse_ident('note'))[1]");
        assertThat(plan.steps().get(0).lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
    }

    @Test
    void aConstantDefaultWithNotNullIsOneStatement() {
        AddColumnConfig status = column("status", "varchar(20)");
        status.setDefaultValue("pending");
        status.setConstraints(new ConstraintsConfig().setNullable(false));

        assertThat(sql(plan(change(status), PG16)))
                .containsExactly("ALTER TABLE orders ADD COLUMN status VARCHAR(20) DEFAULT 'pending' NOT NULL");
    }

    @Test
    void aVolatileDefaultIsSetBeforeTheBackfillAndNotNullComesThroughAValidatedCheck() {
        Plan plan = plan(change(uuidColumn()), PG16);

        assertThat(sql(plan)).containsExactly(
                "ALTER TABLE orders ADD COLUMN public_id UUID",
                "ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid()",
                "backfill public_id = gen_random_uuid()",
                "ALTER TABLE orders ADD CONSTRAINT orders_public_id_nn_check CHECK (public_id IS NOT NULL) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_public_id_nn_check",
                "ALTER TABLE orders ALTER COLUMN public_id SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_public_id_nn_check",
                "ANALYZE orders");
        assertThat(plan.preconditions()).hasAtLeastOneElementOfType(Precondition.UsableKey.class);
    }

    @Test
    void anExpressionTheDatabaseCalledNonVolatileIsOneStatement() {
        AddColumnConfig created = column("created_on", "date");
        created.setDefaultValueComputed(new DatabaseFunction("current_date"));

        assertThat(sql(plan(change(created), new Facts(16, Set.of("current_date")))))
                .containsExactly("ALTER TABLE orders ADD COLUMN created_on date DEFAULT current_date");
    }

    @Test
    void withoutTheDatabaseEveryExpressionTakesTheSafePath() {
        AddColumnConfig created = column("created_on", "date");
        created.setDefaultValueComputed(new DatabaseFunction("current_date"));

        assertThat(plan(change(created), Facts.unknown()).steps()).hasAtLeastOneElementOfType(BackfillStep.class);
    }

    @Test
    void aUniqueColumnGetsItsIndexConcurrentlyThenTheConstraintFromIt() {
        AddColumnConfig code = column("code", "text");
        code.setConstraints(new ConstraintsConfig().setUnique(true));

        Plan plan = plan(change(code), PG16);

        assertThat(sql(plan)).containsExactly(
                "ALTER TABLE orders ADD COLUMN code TEXT",
                "DROP INDEX CONCURRENTLY IF EXISTS orders_code_key",
                "CREATE UNIQUE INDEX CONCURRENTLY orders_code_key ON orders (code)",
                "ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_key");
        assertThat(((SqlStep) plan.steps().get(1)).doneWhen()).contains("NOT i.indisvalid");
        assertThat(((SqlStep) plan.steps().get(2)).inTransaction()).isFalse();
    }

    @Test
    void aForeignKeyAndACheckAreAddedNotValidThenValidated() {
        AddColumnConfig customer = column("customer_id", "bigint");
        customer.setConstraints(new ConstraintsConfig().setReferences("customers(id)")
                .setCheckConstraint("customer_id > 0"));

        assertThat(sql(plan(change(customer), PG16))).containsExactly(
                "ALTER TABLE orders ADD COLUMN customer_id BIGINT",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                        + "REFERENCES customers (id) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_check CHECK (customer_id > 0) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_check");
    }

    @Test
    void createIndexBuildsAPlainIndexConcurrentlyUnderItsName() {
        AddColumnOnlineChange change = change(column("status", "text"));
        change.setCreateIndex(true);
        change.setIndexName("ix_status");

        assertThat(sql(plan(change, PG16))).endsWith(
                "DROP INDEX CONCURRENTLY IF EXISTS ix_status",
                "CREATE INDEX CONCURRENTLY ix_status ON orders (status)");
    }

    @Test
    void analyzeFalseSkipsTheAnalyzeAfterABackfill() {
        AddColumnOnlineChange change = change(uuidColumn());
        change.setAnalyze(false);

        assertThat(sql(plan(change, PG16))).doesNotContain("ANALYZE orders");
    }

    @Test
    void everyStepThatIsNotIdempotentByItselfIsGuarded() {
        AddColumnConfig column = uuidColumn();
        column.getConstraints().setUnique(true).setCheckConstraint("public_id IS NOT NULL");

        for (Step step : plan(change(column), PG16).steps()) {
            if (step instanceof SqlStep s && !s.sql().startsWith("ANALYZE")) {
                assertThat(s.doneWhen()).as(s.sql()).isNotNull();
            }
        }
    }

    @Test
    void rollbackDropsEverythingIfItExistsNewestFirst() {
        AddColumnConfig column = uuidColumn();
        column.getConstraints().setUnique(true);

        Plan rollback = AddColumnPlanner.rollback(AddColumnSpecs.of(change(column), PG));

        assertThat(sql(rollback)).containsExactly(
                "ALTER TABLE IF EXISTS orders DROP CONSTRAINT IF EXISTS orders_public_id_key",
                "ALTER TABLE IF EXISTS orders DROP CONSTRAINT IF EXISTS orders_public_id_nn_check",
                "DROP INDEX CONCURRENTLY IF EXISTS orders_public_id_key",
                "ALTER TABLE IF EXISTS orders DROP COLUMN IF EXISTS public_id");
    }

    @Test
    void generatedNamesAreShortenedToPostgresLimitKeepingTheSuffix() {
        String name = AddColumnSpecs.name("t".repeat(40), "c".repeat(40), "not_null");

        assertThat(name).hasSize(63).endsWith("_not_null");
    }

    private static AddColumnConfig uuidColumn() {
        AddColumnConfig column = column("public_id", "uuid");
        column.setDefaultValueComputed(new DatabaseFunction("gen_random_uuid()"));
        column.setConstraints(new ConstraintsConfig().setNullable(false));
        return column;
    }

    private static Plan plan(AddColumnOnlineChange change, Facts facts) {
        return AddColumnPlanner.plan(AddColumnSpecs.of(change, PG), facts);
    }

    private static List<String> sql(Plan plan) {
        return plan.steps().stream().map(step -> step instanceof SqlStep s ? s.sql()
                : "backfill " + ((BackfillStep) step).column() + " = " + ((BackfillStep) step).valueSql()).toList();
    }
}
