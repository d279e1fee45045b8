package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.H2Database;
import liquibase.database.core.PostgresDatabase;

/** Attribute checks run in validate(), before any changeset of the update executes; no database needed. */
class BackfillInBatchesValidationTest {

    private static final String LABEL = "backfillInBatches in changeset db/changelog.xml::7::alice";

    static BackfillInBatchesChange valid() {
        BackfillInBatchesChange change = new BackfillInBatchesChange();
        change.setTableName("orders");
        change.setColumnName("status");
        change.setValue("pending");
        change.setChangeSet(changeSet(false));
        return change;
    }

    static ChangeSet changeSet(boolean runInTransaction) {
        return new ChangeSet("7", "alice", false, false, "db/changelog.xml", null, null, runInTransaction, null);
    }

    @Test
    void aCompleteChangeIsValid() {
        assertThat(valid().validate(new PostgresDatabase()).getErrorMessages()).isEmpty();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("no table", c -> c.setTableName(null),
                        LABEL + ": attribute 'tableName' is required."),
                bad("no column", c -> c.setColumnName(" "),
                        LABEL + ": attribute 'columnName' is required."),
                bad("no value", c -> c.setValue(null),
                        LABEL + ": give the new value with exactly one of value, valueNumeric, valueBoolean, "
                                + "valueDate, valueComputed."),
                bad("two values", c -> c.setValueComputed("upper(code)"),
                        LABEL + ": only one value attribute may be set, but value and valueComputed are; keep one "
                                + "of them."),
                bad("not a number", c -> {
                    c.setValue(null);
                    c.setValueNumeric("12,5");
                }, LABEL + ": valueNumeric='12,5' is not a number."),
                bad("batch size zero", c -> c.setBatchSize(0),
                        LABEL + ": batchSize must be at least 1, but is 0."),
                bad("negative pause", c -> c.setPauseMillis(-1L),
                        LABEL + ": pauseMillis must not be negative, but is -1."),
                bad("negative retries", c -> c.setLockRetries(-2),
                        LABEL + ": lockRetries must not be negative, but is -2."),
                bad("bad lock timeout", c -> c.setLockTimeout("soon"),
                        LABEL + ": lockTimeout='soon' is not a duration; write it like 500ms, 2s or 1min."),
                bad("bad replication lag", c -> c.setMaxReplicationLag("64 megs"),
                        LABEL + ": maxReplicationLag='64 megs' is not a size; write it like 64MB, 512kB or 1GB (a "
                                + "bare number is bytes), or off to never wait for standbys."),
                bad("empty key list", c -> c.setKeyColumns(" , "),
                        LABEL + ": attribute 'keyColumns' is required. It was given but names no column."),
                bad("changeset runs in a transaction", c -> c.setChangeSet(changeSet(true)),
                        LABEL + " commits its own small transactions, so its changeset must not run in one "
                                + "transaction: add runInTransaction=\"false\" to the <changeSet> element "
                                + "(YAML/JSON: runInTransaction: false)."));
    }

    private static Arguments bad(String name, Consumer<BackfillInBatchesChange> spoil, String message) {
        return Arguments.of(name, spoil, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedWithAMessageThatSaysWhatToDo(String name, Consumer<BackfillInBatchesChange> spoil,
                                                        String message) {
        BackfillInBatchesChange change = valid();
        spoil.accept(change);

        assertThat(change.validate(new PostgresDatabase()).getErrorMessages()).containsExactly(message);
    }

    /** Read only when a walk meets a table without a key, but checked before any changeset runs. */
    @Test
    void anUnreadableKeylessScanSizeSettingIsRejected() throws Exception {
        List<String> errors = Scope.child(Map.of("liquibase.online.maxKeylessScanSize", "lots"),
                () -> valid().validate(new PostgresDatabase()).getErrorMessages());

        assertThat(errors).containsExactly(LABEL + ": a liquibase.online setting is invalid: "
                + "maxKeylessScanSize='lots' is not a size; write it like 64MB, 512kB or 1GB, or off");
    }

    @Test
    void aDatabaseOtherThanPostgresqlIsRejected() {
        assertThat(valid().validate(new H2Database()).getErrorMessages()).containsExactly(
                LABEL + " only runs on PostgreSQL 12 or newer; this database is h2. Use the stock Liquibase change "
                        + "type on other databases (e.g. with dbms=\"!postgresql\").");
    }

    @Test
    void theChangeOnlySupportsPostgresql() {
        assertThat(valid().supports(new PostgresDatabase())).isTrue();
        assertThat(valid().supports(new H2Database())).isFalse();
    }
}
