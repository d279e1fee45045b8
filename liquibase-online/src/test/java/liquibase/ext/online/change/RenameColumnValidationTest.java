package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import liquibase.changelog.ChangeSet;
import liquibase.database.core.H2Database;
import liquibase.database.core.PostgresDatabase;

/** Attribute checks of both halves of a rename, run in validate() before any changeset executes; no database. */
class RenameColumnValidationTest {

    private static final String EXPAND = "renameColumnWithTrigger in changeset db/changelog.xml::7::alice";
    private static final String COMPLETE = "completeColumnRename in changeset db/changelog.xml::7::alice";

    static RenameColumnWithTriggerChange expand() {
        return fill(new RenameColumnWithTriggerChange());
    }

    static CompleteColumnRenameChange complete() {
        return fill(new CompleteColumnRenameChange());
    }

    private static <T extends AbstractColumnRenameChange> T fill(T change) {
        change.setTableName("orders");
        change.setOldColumnName("status");
        change.setNewColumnName("order_status");
        change.setChangeSet(changeSet(false));
        return change;
    }

    static ChangeSet changeSet(boolean runInTransaction) {
        return new ChangeSet("7", "alice", false, false, "db/changelog.xml", null, null, runInTransaction, null);
    }

    @Test
    void completeChangesAreValid() {
        assertThat(expand().validate(new PostgresDatabase()).getErrorMessages()).isEmpty();
        assertThat(complete().validate(new PostgresDatabase()).getErrorMessages()).isEmpty();
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("no table", c -> c.setTableName(null), "attribute 'tableName' is required."),
                bad("no old column", c -> c.setOldColumnName(" "), "attribute 'oldColumnName' is required."),
                bad("no new column", c -> c.setNewColumnName(null), "attribute 'newColumnName' is required."),
                bad("same names", c -> c.setNewColumnName("status"),
                        "oldColumnName and newColumnName are both status; give the new name in newColumnName."),
                bad("trigger name too long", c -> c.setTriggerName("t".repeat(64)),
                        "triggerName '" + "t".repeat(64) + "' is longer than PostgreSQL's 63-byte limit for names; "
                                + "PostgreSQL would cut it, and the change could not find what it made under the "
                                + "full name. Give a name of at most 63 bytes."),
                bad("function name too long in bytes", c -> c.setFunctionName("ä".repeat(32)),
                        "functionName '" + "ä".repeat(32) + "' is longer than PostgreSQL's 63-byte limit for names; "
                                + "PostgreSQL would cut it, and the change could not find what it made under the "
                                + "full name. Give a name of at most 63 bytes."),
                bad("negative retries", c -> c.setLockRetries(-1),
                        "lockRetries must not be negative, but is -1."),
                bad("bad lock timeout", c -> c.setLockTimeout("soon"),
                        "lockTimeout='soon' is not a duration; write it like 500ms, 2s or 1min."));
    }

    private static Arguments bad(String name, Consumer<AbstractColumnRenameChange> spoil, String message) {
        return Arguments.of(name, spoil, message);
    }

    @ParameterizedTest(name = "expand: {0}")
    @MethodSource("badInputs")
    void theExpandRejectsBadInputWithAMessageThatSaysWhatToDo(String name, Consumer<AbstractColumnRenameChange> spoil,
                                                              String message) {
        RenameColumnWithTriggerChange change = expand();
        spoil.accept(change);

        assertThat(change.validate(new PostgresDatabase()).getErrorMessages()).containsExactly(EXPAND + ": " + message);
    }

    @ParameterizedTest(name = "complete: {0}")
    @MethodSource("badInputs")
    void theContractRejectsBadInputWithAMessageThatSaysWhatToDo(String name,
                                                                Consumer<AbstractColumnRenameChange> spoil,
                                                                String message) {
        CompleteColumnRenameChange change = complete();
        spoil.accept(change);

        assertThat(change.validate(new PostgresDatabase()).getErrorMessages())
                .containsExactly(COMPLETE + ": " + message);
    }

    @Test
    void theExpandRejectsABatchSizeBelowOneAndANegativePause() {
        RenameColumnWithTriggerChange change = expand();
        change.setBatchSize(0);
        change.setPauseMillis(-5L);

        assertThat(change.validate(new PostgresDatabase()).getErrorMessages()).containsExactly(
                EXPAND + ": batchSize must be at least 1, but is 0.",
                EXPAND + ": pauseMillis must not be negative, but is -5.");
    }

    @Test
    void bothHalvesRejectAChangesetThatRunsInATransaction() {
        RenameColumnWithTriggerChange expand = expand();
        expand.setChangeSet(changeSet(true));
        CompleteColumnRenameChange complete = complete();
        complete.setChangeSet(changeSet(true));

        assertThat(expand.validate(new PostgresDatabase()).getErrorMessages()).singleElement().asString()
                .startsWith(EXPAND + " commits its own small transactions").contains("runInTransaction=\"false\"");
        assertThat(complete.validate(new PostgresDatabase()).getErrorMessages()).singleElement().asString()
                .startsWith(COMPLETE + " commits its own small transactions");
    }

    @Test
    void aDatabaseOtherThanPostgresqlIsRejected() {
        assertThat(expand().validate(new H2Database()).getErrorMessages()).singleElement().asString()
                .startsWith(EXPAND + " only runs on PostgreSQL 12 or newer; this database is h2.");
        assertThat(complete().supports(new H2Database())).isFalse();
    }

    @Test
    void tuningAttributesDoNotChangeTheChecksumButTheTypeDoes() {
        RenameColumnWithTriggerChange tuned = expand();
        tuned.setBatchSize(10);
        tuned.setPauseMillis(50L);
        tuned.setLockTimeout("5s");
        tuned.setLockRetries(3);
        RenameColumnWithTriggerChange typed = expand();
        typed.setColumnDataType("text");

        assertThat(tuned.generateCheckSum()).isEqualTo(
                expand().generateCheckSum());
        assertThat(typed.generateCheckSum()).isNotEqualTo(
                expand().generateCheckSum());
    }
}
