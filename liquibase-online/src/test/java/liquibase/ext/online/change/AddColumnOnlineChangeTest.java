package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import liquibase.change.AddColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.MySQLDatabase;
import liquibase.database.core.PostgresDatabase;
import liquibase.statement.DatabaseFunction;

/** What addColumnOnline rejects while Liquibase validates the changelog, and what each message says. */
class AddColumnOnlineChangeTest {

    private static final String LABEL = "addColumnOnline in changeset db.xml::7::ann";

    @Test
    void aValidChangeHasNoErrors() {
        assertThat(errorsOf(change(column("status", "varchar(20)")))).isEmpty();
    }

    @Test
    void aColumnWithoutTypeNamesTheColumnAndTheAttribute() {
        assertThat(errorsOf(change(column("note", null)))).containsExactly(
                LABEL + ": column 'note' needs the attribute 'type', e.g. type=\"varchar(20)\".");
    }

    @Test
    void aChangeWithoutColumnsAsksForOne() {
        assertThat(errorsOf(change())).containsExactly(
                LABEL + ": add at least one nested column element (name and type).");
    }

    @Test
    void twoDefaultKindsAreRejected() {
        AddColumnConfig column = column("status", "text");
        column.setDefaultValue("pending");
        column.setDefaultValueComputed(new DatabaseFunction("lower('X')"));

        assertThat(errorsOf(change(column))).containsExactly(LABEL + ": column 'status' may have only one default, "
                + "but defaultValue and defaultValueComputed are set; keep one of them.");
    }

    @Test
    void notNullWithoutDefaultIsLeftToTheStartBecauseAnEmptyTableTakesIt() {
        AddColumnConfig column = column("status", "text");
        column.setConstraints(new ConstraintsConfig().setNullable(false));

        assertThat(errorsOf(change(column))).isEmpty();
    }

    @Test
    void everyValueAttributeOfCoreAddColumnIsAccepted() throws Exception {
        AddColumnConfig text = column("a", "text");
        text.setValue("x");
        AddColumnConfig number = column("b", "int");
        number.setValueNumeric(7);
        AddColumnConfig flag = column("c", "boolean");
        flag.setValueBoolean(true);
        AddColumnConfig day = column("d", "date");
        day.setValueDate("2024-02-29");
        AddColumnConfig computed = column("e", "int");
        computed.setValueComputed(new DatabaseFunction("length('abc')"));
        computed.setConstraints(new ConstraintsConfig().setNullable(false));

        assertThat(errorsOf(change(text, number, flag, day, computed))).isEmpty();
    }

    @Test
    void aValueFromAFileIsRejected() {
        AddColumnConfig column = column("doc", "text");
        column.setValueClobFile("doc.txt");

        assertThat(errorsOf(change(column))).singleElement().asString()
                .contains("sets valueBlobFile/valueClobFile, which addColumnOnline does not support");
    }

    @Test
    void aChangesetRunningInOneTransactionIsRejected() {
        AddColumnOnlineChange change = change(column("note", "text"));
        change.setChangeSet(changeSet(true));

        assertThat(errorsOf(change)).containsExactly(LABEL + " commits its own small transactions, so its "
                + "changeset must not run in one transaction: add runInTransaction=\"false\" to the <changeSet> "
                + "element (YAML/JSON: runInTransaction: false).");
    }

    @Test
    void anotherDatabaseIsRejected() {
        AddColumnOnlineChange change = change(column("note", "text"));
        change.setChangeSet(changeSet(false));

        assertThat(change.validate(new MySQLDatabase()).getErrorMessages()).singleElement().asString()
                .contains("only runs on PostgreSQL 12 or newer; this database is mysql");
    }

    @Test
    void aPrimaryKeyColumnIsRejectedWithTheWayAround() {
        AddColumnConfig column = column("id2", "bigint");
        column.setConstraints(new ConstraintsConfig().setPrimaryKey(true));

        assertThat(errorsOf(change(column))).singleElement().asString()
                .contains("column 'id2' sets primaryKey, which addColumnOnline does not support");
    }

    @Test
    void aReferenceThatIsNotTableAndColumnsIsRejected() {
        AddColumnConfig column = column("customer_id", "bigint");
        column.setConstraints(new ConstraintsConfig().setReferences("customers"));

        assertThat(errorsOf(change(column))).containsExactly(LABEL + ": column 'customer_id' has "
                + "references=\"customers\"; write it as references=\"other_table(id)\", or give "
                + "referencedTableName and referencedColumnNames.");
    }

    @Test
    void indexNameWithoutCreateIndexIsRejected() {
        AddColumnOnlineChange change = change(column("status", "text"));
        change.setIndexName("ix");

        assertThat(errorsOf(change)).containsExactly(
                LABEL + ": indexName is set but createIndex is not; add createIndex=\"true\" or remove indexName.");
    }

    @Test
    void createIndexOnAUniqueColumnIsRejected() {
        AddColumnConfig column = column("code", "text");
        column.setConstraints(new ConstraintsConfig().setUnique(true));
        AddColumnOnlineChange change = change(column);
        change.setCreateIndex(true);

        assertThat(errorsOf(change)).containsExactly(
                LABEL + ": column 'code' is unique, which already builds an index; remove createIndex.");
    }

    @Test
    void tuningAttributesStayOutOfTheChecksum() {
        AddColumnOnlineChange plain = change(column("status", "text"));
        AddColumnOnlineChange tuned = change(column("status", "text"));
        tuned.setBatchSize(5);
        tuned.setPauseMillis(10L);
        tuned.setLockTimeout("3s");
        tuned.setLockRetries(2);
        tuned.setAnalyze(false);

        assertThat(tuned.generateCheckSum())
                .isEqualTo(plain.generateCheckSum());
    }

    @Test
    void theColumnDefinitionIsPartOfTheChecksum() {
        assertThat(change(column("status", "text")).generateCheckSum())
                .isNotEqualTo(change(column("status", "varchar(5)")).generateCheckSum());
    }

    static AddColumnOnlineChange change(AddColumnConfig... columns) {
        AddColumnOnlineChange change = new AddColumnOnlineChange();
        change.setTableName("orders");
        change.setColumns(new java.util.ArrayList<>(List.of(columns)));
        change.setChangeSet(changeSet(false));
        return change;
    }

    static AddColumnConfig column(String name, String type) {
        AddColumnConfig column = new AddColumnConfig();
        column.setName(name);
        column.setType(type);
        return column;
    }

    private static ChangeSet changeSet(boolean runInTransaction) {
        return new ChangeSet("7", "ann", false, false, "db.xml", null, null, runInTransaction, null);
    }

    private static List<String> errorsOf(AddColumnOnlineChange change) {
        return change.validate(new PostgresDatabase()).getErrorMessages();
    }
}
