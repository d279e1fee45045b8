package liquibase.ext.online.change;

import static liquibase.ext.online.change.AddColumnOnlineChangeTest.change;
import static liquibase.ext.online.change.AddColumnOnlineChangeTest.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import liquibase.change.AddColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.database.core.PostgresDatabase;
import liquibase.ext.online.plan.column.AddColumnPlanner;
import liquibase.ext.online.plan.column.AddColumnPlanner.Facts;
import liquibase.ext.online.plan.AddColumnSpec;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.DatabaseFunction;
import liquibase.statement.core.UpdateStatement;

/** value* (set the existing rows) and NOT NULL without a default, planned without a database. */
class AddColumnValuesPlanningTest {

    private static final PostgresDatabase PG = new PostgresDatabase();
    private static final Facts PG16 = new Facts(16, Set.of());

    // ---- the value as SQL, as core addColumn writes it ------------------------------------------------------

    @Test
    void everyValueAttributeBecomesTheSqlOfCoreAddColumnsUpdate() throws Exception {
        assertValue(c -> c.setValue("it's"), "'it''s'");
        assertValue(c -> c.setValue("now()"), "now()");
        assertValue(c -> c.setValueNumeric(7), "7");
        assertValue(c -> c.setValueNumeric("2.50"), "2.50");
        assertValue(c -> c.setValueBoolean(true), "TRUE");
        assertValue(c -> c.setValueBoolean(false), "FALSE");
        assertValue(c -> c.setValueDate("2024-02-29"), "'2024-02-29'");
        assertValue(c -> c.setValueDate("2024-02-29T13:14:15"), "'2024-02-29 13:14:15'");
        assertValue(c -> c.setValueComputed(new DatabaseFunction("total_cents * 2")), "total_cents * 2");
    }

    private interface Value {
        void set(AddColumnConfig column) throws Exception;
    }

    private static void assertValue(Value value, String expected) throws Exception {
        AddColumnConfig column = column("c", "text");
        value.set(column);
        String ours = AddColumnSpecs.of(change(column), PG).columns().get(0).valueSql();

        assertThat(ours).isEqualTo(expected).isEqualTo(stockValue(column));
    }

    /** What core addColumn's UPDATE sets the column to, taken from the statements core generates. */
    private static String stockValue(AddColumnConfig column) {
        AddColumnChange stock = new AddColumnChange();
        stock.setTableName("orders");
        stock.addColumn(column);
        UpdateStatement update = Arrays.stream(stock.generateStatements(PG))
                .filter(UpdateStatement.class::isInstance).map(UpdateStatement.class::cast).findFirst().orElseThrow();
        String sql = SqlGeneratorFactory.getInstance().generateSql(update, PG)[0].toSql();
        return sql.substring(("UPDATE orders SET " + column.getName() + " = ").length());
    }

    // ---- plans ----------------------------------------------------------------------------------------------

    @Test
    void aValueIsSetOnTheExistingRowsInBatchesAfterAnEmptyAddColumn() {
        AddColumnConfig status = column("status", "text");
        status.setValue("old");

        Plan plan = plan(change(status));

        assertThat(sql(plan)).containsExactly("ALTER TABLE orders ADD COLUMN status TEXT", "fill status = 'old'",
                "ANALYZE orders");
        assertThat(plan.preconditions()).hasAtLeastOneElementOfType(Precondition.UsableKey.class);
    }

    @Test
    void aValueWithADefaultAddsTheColumnEmptySetsTheDefaultThenFillsTheValue() {
        AddColumnConfig status = column("status", "text");
        status.setValue("old");
        status.setDefaultValue("new");

        assertThat(sql(plan(change(status)))).containsExactly(
                "ALTER TABLE orders ADD COLUMN status TEXT",
                "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new'",
                "fill status = 'old'",
                "ANALYZE orders");
    }

    @Test
    void aValueWithNotNullFillsThenSetsNotNullThroughAValidatedCheckThatSaysWhyItCouldFail() {
        AddColumnConfig status = column("status", "text");
        status.setValue("old");
        status.setConstraints(new ConstraintsConfig().setNullable(false));

        Plan plan = plan(change(status));

        assertThat(sql(plan)).containsExactly(
                "ALTER TABLE orders ADD COLUMN status TEXT",
                "fill status = 'old'",
                "ALTER TABLE orders ADD CONSTRAINT orders_status_nn_check CHECK (status IS NOT NULL) NOT VALID",
                "ALTER TABLE orders VALIDATE CONSTRAINT orders_status_nn_check",
                "ALTER TABLE orders ALTER COLUMN status SET NOT NULL",
                "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_nn_check",
                "ANALYZE orders");
        assertThat(plan.steps().get(3).description())
                .contains("fails if the application inserted rows without status while the change ran");
        assertThat(plan.preconditions()).noneMatch(Precondition.NoRows.class::isInstance);
        assertThat(sql(AddColumnPlanner.rollback(AddColumnSpecs.of(change(status), PG))))
                .contains("ALTER TABLE IF EXISTS orders DROP CONSTRAINT IF EXISTS orders_status_nn_check");
    }

    @Test
    void aValueWithAVolatileDefaultFillsTheValueNotTheDefault() {
        AddColumnConfig id = column("public_id", "uuid");
        id.setDefaultValueComputed(new DatabaseFunction("gen_random_uuid()"));
        id.setValueComputed(new DatabaseFunction("'00000000-0000-0000-0000-000000000000'::uuid"));

        assertThat(sql(plan(change(id)))).contains("fill public_id = '00000000-0000-0000-0000-000000000000'::uuid")
                .doesNotContain("fill public_id = gen_random_uuid()");
    }

    @Test
    void notNullWithoutDefaultIsOneAddColumnThatThePreflightAllowsOnAnEmptyTableOnly() {
        AddColumnConfig status = column("status", "text");
        status.setConstraints(new ConstraintsConfig().setNullable(false));

        Plan plan = plan(change(status));

        assertThat(sql(plan)).containsExactly("ALTER TABLE orders ADD COLUMN status TEXT NOT NULL");
        assertThat(plan.steps().get(0).description()).contains("only on an empty table");
        assertThat(plan.preconditions()).filteredOn(Precondition.NoRows.class::isInstance).singleElement()
                .satisfies(p -> {
                    Precondition.NoRows noRows = (Precondition.NoRows) p;
                    assertThat(noRows.query()).contains("EXISTS (SELECT 1 FROM orders)")
                            .contains("attname = (parse_ident('status'))[1]");
                    assertThat(noRows.message()).contains("column 'status' is nullable=\"false\" but has no "
                            + "default and no value").contains("nothing was changed");
                });
    }

    // ---- the empty table, read when the change starts -------------------------------------------------------

    @Test
    void onAnEmptyTableAValueIsDroppedAndNotNullIsAddedInOneStatement() throws SQLException {
        AddColumnConfig status = column("status", "text");
        status.setValue("old");
        status.setConstraints(new ConstraintsConfig().setNullable(false));

        AddColumnSpec spec = AddColumnSpecs.withoutValuesIfEmpty(AddColumnSpecs.of(change(status), PG),
                connection(true, true));

        assertThat(sql(AddColumnPlanner.plan(spec, PG16))).containsExactly(
                "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL");
    }

    @Test
    void aTableWithRowsOrNoTableKeepsTheValue() throws SQLException {
        AddColumnConfig status = column("status", "text");
        status.setValue("old");
        AddColumnSpec spec = AddColumnSpecs.of(change(status), PG);

        assertThat(AddColumnSpecs.withoutValuesIfEmpty(spec, connection(true, false))).isEqualTo(spec);
        assertThat(AddColumnSpecs.withoutValuesIfEmpty(spec, connection(false, false))).isEqualTo(spec);
    }

    @Test
    void withoutAValueTheTableIsNotRead() throws SQLException {
        Connection connection = mock(Connection.class);
        AddColumnSpec spec = AddColumnSpecs.of(change(column("note", "text")), PG);

        assertThat(AddColumnSpecs.withoutValuesIfEmpty(spec, connection)).isEqualTo(spec);
        verifyNoInteractions(connection);
    }

    /** Answers "does the table exist" and "is it empty". */
    private static Connection connection(boolean exists, boolean empty) throws SQLException {
        Connection connection = mock(Connection.class);
        PreparedStatement existsQuery = statement(exists);
        PreparedStatement emptyQuery = statement(empty);
        when(connection.prepareStatement(anyString())).thenAnswer(call ->
                ((String) call.getArgument(0)).contains("to_regclass") ? existsQuery : emptyQuery);
        return connection;
    }

    private static PreparedStatement statement(boolean answer) throws SQLException {
        PreparedStatement statement = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(statement.executeQuery()).thenReturn(rs);
        when(rs.next()).thenReturn(true);
        when(rs.getBoolean(1)).thenReturn(answer);
        return statement;
    }

    private static Plan plan(AddColumnOnlineChange change) {
        return AddColumnPlanner.plan(AddColumnSpecs.of(change, PG), PG16);
    }

    private static List<String> sql(Plan plan) {
        return plan.steps().stream().map(step -> step instanceof SqlStep s ? s.sql()
                : "fill " + ((BackfillStep) step).column() + " = " + ((BackfillStep) step).valueSql()).toList();
    }
}
