package liquibase.ext.online.change;

import static liquibase.ext.online.change.Changes.PG;
import static liquibase.ext.online.change.Changes.errorsOf;
import static liquibase.ext.online.change.Changes.inChangeSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.ext.online.naming.ColumnTypeNames;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.testing.Golden;

/** changeColumnTypeOnline and completeColumnTypeChange without a database: validation, plan, names, checksum. */
class ChangeColumnTypeOnlineChangeTest {

    private static ChangeColumnTypeOnlineChange change() {
        ChangeColumnTypeOnlineChange change = new ChangeColumnTypeOnlineChange();
        change.setTableName("orders");
        change.setColumnName("qty");
        change.setNewDataType("bigint");
        return inChangeSet(change);
    }

    @Test
    void requiredAttributesAndTuningAreChecked() {
        ChangeColumnTypeOnlineChange change = inChangeSet(new ChangeColumnTypeOnlineChange());
        change.setBatchSize(0);

        assertThat(errorsOf(change)).containsExactly(
                "changeColumnTypeOnline in changeset db.xml::7::ann: attribute 'tableName' is required.",
                "changeColumnTypeOnline in changeset db.xml::7::ann: attribute 'columnName' is required.",
                "changeColumnTypeOnline in changeset db.xml::7::ann: attribute 'newDataType' is required.",
                "changeColumnTypeOnline in changeset db.xml::7::ann: batchSize must be at least 1, but is 0.");
        assertThat(errorsOf(inChangeSet(new CompleteColumnTypeChangeChange()))).hasSize(2);
    }

    @Test
    void aChangesetInOneTransactionIsRejected() {
        ChangeColumnTypeOnlineChange change = inChangeSet(change(), true);

        assertThat(errorsOf(change)).singleElement().asString().contains("runInTransaction=\"false\"");
    }

    @Test
    void withoutADatabaseThePlanIsTheShadowColumnPathWithLocksInTheRightPlaces() {
        Plan plan = change().plan(PG);

        assertThat(plan.steps()).extracting(s -> s.lock()).containsExactly(LockLevel.ACCESS_EXCLUSIVE,
                LockLevel.NONE, LockLevel.SHARE_ROW_EXCLUSIVE, LockLevel.ROW_EXCLUSIVE, LockLevel.NONE,
                LockLevel.ACCESS_EXCLUSIVE, LockLevel.SHARE_UPDATE_EXCLUSIVE);
        SqlStep swap = (SqlStep) plan.steps().get(5);
        assertThat(swap.inTransaction()).isTrue();
        assertThat(swap.doneWhen()).isNotNull();
        Golden.assertMatches("changeColumnTypeOnline.sql", Golden.script(PlanRenderer.render(plan)));
    }

    @Test
    void tuningAttributesStayOutOfTheChecksum() {
        ChangeColumnTypeOnlineChange a = change();
        ChangeColumnTypeOnlineChange b = change();
        b.setBatchSize(10);
        b.setPauseMillis(5L);
        b.setLockTimeout("3s");
        b.setLockRetries(2);

        assertThat(a.generateCheckSum()).isEqualTo(b.generateCheckSum());
        b.setCastExpression("qty * 100");
        assertThat(a.generateCheckSum()).isNotEqualTo(b.generateCheckSum());
    }

    @Test
    void derivedNamesFitIn63Bytes() {
        String long60 = "c".repeat(62);

        assertThat(ColumnTypeNames.shadow(long60)).hasSize(63).endsWith("_new");
        assertThat(ColumnTypeNames.old("qty")).isEqualTo("qty_old");
        assertThat(ColumnTypeNames.sync("orders", long60)).hasSize(63).endsWith("_type_sync");
        assertThat(List.of(ColumnTypeNames.shadowIndex("orders_pkey"))).containsExactly("orders_pkey_new");
    }
}
