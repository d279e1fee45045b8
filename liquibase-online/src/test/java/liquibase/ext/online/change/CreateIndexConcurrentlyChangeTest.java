package liquibase.ext.online.change;

import static liquibase.ext.online.change.Changes.PG;
import static liquibase.ext.online.change.Changes.column;
import static liquibase.ext.online.change.Changes.errorsOf;
import static liquibase.ext.online.change.Changes.inChangeSet;
import static liquibase.ext.online.change.Changes.sql;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.change.AddColumnConfig;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.ext.online.testing.Golden;

/** createIndexConcurrently without a database: validation messages, the plan, the checksum. */
class CreateIndexConcurrentlyChangeTest {

    private static final String LABEL = "createIndexConcurrently in changeset db.xml::7::ann";

    static CreateIndexConcurrentlyChange change(AddColumnConfig... columns) {
        CreateIndexConcurrentlyChange change = new CreateIndexConcurrentlyChange();
        change.setTableName("orders");
        change.setIndexName("orders_email_idx");
        change.setColumns(new ArrayList<>(List.of(columns)));
        return inChangeSet(change);
    }

    private static AddColumnConfig expression(String sql) {
        AddColumnConfig column = column(sql);
        column.setComputed(true);
        return column;
    }

    @Test
    void aValidChangeHasNoErrors() {
        assertThat(errorsOf(change(column("email")))).isEmpty();
    }

    @Test
    void indexNameAndAColumnAreRequired() {
        CreateIndexConcurrentlyChange change = change();
        change.setIndexName(null);

        assertThat(errorsOf(change)).containsExactly(
                LABEL + ": attribute 'indexName' is required.",
                LABEL + ": add at least one nested column element (name, or an expression with computed=\"true\").");
    }

    @Test
    void aChangesetInOneTransactionIsRejectedBecauseOfConcurrently() {
        CreateIndexConcurrentlyChange change = inChangeSet(change(column("email")), true);

        assertThat(errorsOf(change)).singleElement().asString()
                .startsWith(LABEL + " runs CREATE/DROP INDEX CONCURRENTLY, which PostgreSQL refuses inside a "
                        + "transaction block: add runInTransaction=\"false\"");
    }

    @Test
    void clusteredIsRejectedWithTheReason() {
        CreateIndexConcurrentlyChange change = change(column("email"));
        change.setClustered(true);

        assertThat(errorsOf(change)).singleElement().asString()
                .startsWith(LABEL + ": attribute 'clustered' is not supported online");
    }

    @Test
    void theBuildIsPrecededByTheCleanupOfAnInvalidLeftover() {
        Plan plan = change(column("email")).plan(PG);

        assertThat(sql(plan)).containsExactly(
                "DROP INDEX CONCURRENTLY IF EXISTS orders_email_idx",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_email_idx ON orders (email)");
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.lock()).isEqualTo(LockLevel.SHARE_UPDATE_EXCLUSIVE));
    }

    @Test
    void expressionsAreParenthesisedAndOnlyPlainColumnsAreCheckedToExist() {
        CreateIndexConcurrentlyChange change = change(expression("lower(email)"), column("created_at"));
        change.getColumns().get(1).setDescending(true);
        change.setUnique(true);
        change.setWhere("deleted_at IS NULL");

        Plan plan = change.plan(PG);

        assertThat(sql(plan)).last().isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_email_idx "
                + "ON orders ((lower(email)), created_at DESC) WHERE deleted_at IS NULL");
        assertThat(plan.preconditions()).filteredOn(Precondition.ColumnExists.class::isInstance)
                .singleElement().extracting(p -> ((Precondition.ColumnExists) p).column()).isEqualTo("created_at");
        assertThat(plan.preconditions()).filteredOn(Precondition.NoDuplicates.class::isInstance).hasSize(1);
    }

    @Test
    void updateSqlMatchesTheReviewedPlan() {
        CreateIndexConcurrentlyChange change = change(expression("lower(email)"));
        change.setUnique(true);
        change.setWhere("deleted_at IS NULL");

        Golden.assertMatches("createIndexConcurrently.sql", Golden.script(PlanRenderer.render(change.plan(PG))));
    }

    @Test
    void lockSettingsAndAssociatedWithStayOutOfTheChecksum() {
        CreateIndexConcurrentlyChange tuned = change(column("email"));
        tuned.setLockTimeout("3s");
        tuned.setLockRetries(2);
        tuned.setAssociatedWith("foreignKey");

        assertThat(tuned.generateCheckSum()).isEqualTo(change(column("email")).generateCheckSum());
    }

    @Test
    void theIndexDefinitionIsPartOfTheChecksum() {
        CreateIndexConcurrentlyChange partial = change(column("email"));
        partial.setWhere("deleted_at IS NULL");

        assertThat(partial.generateCheckSum()).isNotEqualTo(change(column("email")).generateCheckSum());
    }
}
