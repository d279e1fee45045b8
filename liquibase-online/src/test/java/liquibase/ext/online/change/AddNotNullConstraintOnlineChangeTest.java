package liquibase.ext.online.change;

import static liquibase.ext.online.change.Changes.PG;
import static liquibase.ext.online.change.Changes.errorsOf;
import static liquibase.ext.online.change.Changes.inChangeSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.notnull.NotNullPlanner;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.testing.Golden;

/** addNotNullConstraintOnline without a database. */
class AddNotNullConstraintOnlineChangeTest {

    private static final String LABEL = "addNotNullConstraintOnline in changeset db.xml::7::ann";

    private static AddNotNullConstraintOnlineChange change() {
        AddNotNullConstraintOnlineChange change = new AddNotNullConstraintOnlineChange();
        change.setTableName("orders");
        change.setColumnName("status");
        return inChangeSet(change);
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(s -> s instanceof SqlStep sql ? sql.sql() : "backfill "
                + ((BackfillStep) s).valueSql()).toList();
    }

    @Test
    void validateFalseAndABadBatchSizeAreRejected() {
        AddNotNullConstraintOnlineChange change = change();
        change.setValidate(false);
        change.setBatchSize(0);

        assertThat(errorsOf(change)).containsExactly(
                LABEL + ": attribute 'validate=\"false\"' is not supported online: the online way validates without "
                        + "blocking the application; remove it.",
                LABEL + ": batchSize must be at least 1, but is 0.");
    }

    @Test
    void beforePostgres18NotNullComesThroughAValidatedHelperCheck() {
        assertThat(steps(NotNullPlanner.plan(change().spec(PG), 17))).containsExactly(
                "ALTER TABLE orders ADD CONSTRAINT orders_status_nn_check CHECK (status IS NOT NULL) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn_check",
                "ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_nn_check");
    }

    @Test
    void postgres18AddsItsOwnNotNullConstraintNotValidAndValidatesIt() {
        AddNotNullConstraintOnlineChange change = change();
        change.setConstraintName("orders_status_nn");

        assertThat(steps(NotNullPlanner.plan(change.spec(PG), 18))).containsExactly(
                "ALTER TABLE orders ADD CONSTRAINT orders_status_nn NOT NULL status NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn");
    }

    @Test
    void withDefaultNullValueTheNullsAreFilledFirstInsteadOfBeingAnError() {
        AddNotNullConstraintOnlineChange change = change();
        change.setDefaultNullValue("it's");

        Plan plan = NotNullPlanner.plan(change.spec(PG), 16);

        assertThat(steps(plan)).first().isEqualTo("backfill 'it''s'");
        assertThat(plan.preconditions()).noneMatch(Precondition.NoNulls.class::isInstance)
                .anyMatch(Precondition.UsableKey.class::isInstance);
    }

    @Test
    void updateSqlMatchesTheReviewedPlan() {
        Golden.assertMatches("addNotNullConstraintOnline.sql", Golden.script(PlanRenderer.render(change().plan(PG))));
    }
}
