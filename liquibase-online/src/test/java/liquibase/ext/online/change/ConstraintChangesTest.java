package liquibase.ext.online.change;

import static liquibase.ext.online.change.Changes.PG;
import static liquibase.ext.online.change.Changes.errorsOf;
import static liquibase.ext.online.change.Changes.inChangeSet;
import static liquibase.ext.online.change.Changes.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.plan.constraint.ConstraintPlanner;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.testing.Golden;

/** The constraint change types without a database: validation messages, plans, checksums. */
class ConstraintChangesTest {

    private static AddForeignKeyConstraintOnlineChange foreignKey() {
        AddForeignKeyConstraintOnlineChange change = new AddForeignKeyConstraintOnlineChange();
        change.setBaseTableName("orders");
        change.setBaseColumnNames("customer_id");
        change.setReferencedTableName("customers");
        change.setReferencedColumnNames("id");
        change.setConstraintName("orders_customer_fk");
        return inChangeSet(change);
    }

    private static AddUniqueConstraintOnlineChange unique() {
        AddUniqueConstraintOnlineChange change = new AddUniqueConstraintOnlineChange();
        change.setTableName("orders");
        change.setColumnNames("code, region");
        return inChangeSet(change);
    }

    private static AddCheckConstraintOnlineChange check() {
        AddCheckConstraintOnlineChange change = new AddCheckConstraintOnlineChange();
        change.setTableName("orders");
        change.setConstraintName("orders_total_positive");
        change.setConstraintBody("total_cents >= 0");
        return inChangeSet(change);
    }

    @Test
    void aForeignKeyIsAddedNotValidThenValidatedAfterTheOptionalConcurrentIndex() {
        AddForeignKeyConstraintOnlineChange change = foreignKey();
        change.setCreateIndex(true);
        change.setOnDelete("set null");
        change.setDeferrable(true);

        Plan plan = change.plan(PG);

        assertThat(sql(plan)).containsExactly(
                "DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id)",
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers "
                        + "(id) ON DELETE SET NULL DEFERRABLE NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk");
        assertThat(plan.steps().get(2).lock()).isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
        assertThat(plan.steps().get(3).lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void aForeignKeyOfThatNameCountsAsAnEarlierRunsOnlyWithTheSameOptions() {
        AddForeignKeyConstraintOnlineChange change = foreignKey();
        change.setOnDelete("set null");
        change.setOnUpdate("cascade");
        change.setInitiallyDeferred(true);

        ConstraintShape shape = change.plan(PG).preconditions().stream()
                .filter(Precondition.ConstraintFits.class::isInstance).map(Precondition.ConstraintFits.class::cast)
                .findFirst().orElseThrow().shape();

        assertThat(shape.type()).isEqualTo('f');
        assertThat(shape.columns()).containsExactly("customer_id");
        assertThat(shape.referencedColumns()).containsExactly("id");
        assertThat(shape.onDelete()).isEqualTo('n');
        assertThat(shape.onUpdate()).isEqualTo('c');
        assertThat(shape.deferrable()).as("implied by INITIALLY DEFERRED").isTrue();
        assertThat(shape.initiallyDeferred()).isTrue();
    }

    @Test
    void droppingAForeignKeySaysItTakesAccessExclusiveOnBothTables() {
        SqlStep drop = (SqlStep) ConstraintPlanner.dropForeignKey(foreignKey().spec(PG)).steps().get(0);

        assertThat(drop.lock()).isEqualTo(LockLevel.ACCESS_EXCLUSIVE);
        assertThat(drop.description()).contains("ACCESS EXCLUSIVE on orders and on customers");
    }

    @Test
    void aForeignKeyNeedsMatchingColumnCountsAndKnownActions() {
        AddForeignKeyConstraintOnlineChange change = foreignKey();
        change.setBaseColumnNames("a, b");
        change.setOnUpdate("explode");

        assertThat(errorsOf(change)).containsExactly(
                "addForeignKeyConstraintOnline in changeset db.xml::7::ann: baseColumnNames names 2 columns but "
                        + "referencedColumnNames 1; give one referenced column per referencing column, in the same order.",
                "addForeignKeyConstraintOnline in changeset db.xml::7::ann: onUpdate=\"explode\" is not an action; "
                        + "use one of CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION.");
    }

    @Test
    void aForeignKeyWithoutConstraintNameIsRejectedAsInCore() {
        AddForeignKeyConstraintOnlineChange change = foreignKey();
        change.setConstraintName(null);

        assertThat(errorsOf(change)).containsExactly(
                "addForeignKeyConstraintOnline in changeset db.xml::7::ann: attribute 'constraintName' is required.");
    }

    @Test
    void aUniqueConstraintIsAUniqueIndexBuiltConcurrentlyThenAttached() {
        assertThat(sql(unique().plan(PG))).containsExactly(
                "DROP INDEX CONCURRENTLY IF EXISTS orders_code_region_key",
                "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_region_key ON orders (code, region)",
                "ALTER TABLE orders ADD CONSTRAINT orders_code_region_key UNIQUE USING INDEX orders_code_region_key");
    }

    @Test
    void uniqueAttributesThatCannotWorkOnlineAreRejectedWithTheReason() {
        AddUniqueConstraintOnlineChange change = unique();
        change.setForIndexName("existing_idx");
        change.setDisabled(true);

        assertThat(errorsOf(change)).hasSize(2).allSatisfy(error -> assertThat(error)
                .startsWith("addUniqueConstraintOnline in changeset db.xml::7::ann: attribute '")
                .contains("is not supported online"));
    }

    @Test
    void aCheckIsAddedNotValidThenValidated() {
        assertThat(sql(check().plan(PG))).containsExactly(
                "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents >= 0) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive");
    }

    @Test
    void aCheckNeedsItsCondition() {
        AddCheckConstraintOnlineChange change = check();
        change.setConstraintBody(null);

        assertThat(errorsOf(change)).singleElement().asString().contains("attribute 'constraintBody' is required.");
    }

    @Test
    void lockSettingsStayOutOfTheChecksumButTheConditionIsIn() {
        AddCheckConstraintOnlineChange tuned = check();
        tuned.setLockTimeout("5s");
        AddCheckConstraintOnlineChange other = check();
        other.setConstraintBody("total_cents > 0");

        assertThat(tuned.generateCheckSum()).isEqualTo(check().generateCheckSum());
        assertThat(other.generateCheckSum()).isNotEqualTo(check().generateCheckSum());
    }

    @Test
    void updateSqlMatchesTheReviewedPlans() {
        AddForeignKeyConstraintOnlineChange fk = foreignKey();
        fk.setCreateIndex(true);
        Golden.assertMatches("addForeignKeyConstraintOnline.sql", Golden.script(PlanRenderer.render(fk.plan(PG))));
        Golden.assertMatches("addUniqueConstraintOnline.sql", Golden.script(PlanRenderer.render(unique().plan(PG))));
        Golden.assertMatches("addCheckConstraintOnline.sql", Golden.script(PlanRenderer.render(check().plan(PG))));
    }
}
