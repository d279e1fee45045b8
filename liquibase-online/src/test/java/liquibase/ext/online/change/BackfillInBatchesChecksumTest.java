package liquibase.ext.online.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A changeset's checksum must not change between releases of the extension: users would see "checksum changed"
 * errors on changesets that already ran. Tuning attributes stay out of it, so they can be changed later.
 */
class BackfillInBatchesChecksumTest {

    /** Pinned when the change type was released; if this changes, existing changelogs break. */
    private static final String PINNED = "9:15772ce6a3a11613308c831a40bccce7";

    private static BackfillInBatchesChange example() {
        BackfillInBatchesChange change = new BackfillInBatchesChange();
        change.setTableName("orders");
        change.setColumnName("status");
        change.setValue("pending");
        return change;
    }

    @Test
    void theChecksumOfTheExampleChangeIsPinned() {
        assertThat(example().generateCheckSum().toString()).isEqualTo(PINNED);
    }

    @Test
    void tuningAttributesDoNotChangeTheChecksum() {
        BackfillInBatchesChange tuned = example();
        tuned.setBatchSize(500);
        tuned.setPauseMillis(20L);
        tuned.setLockTimeout("3s");
        tuned.setLockRetries(30);
        tuned.setMaxReplicationLag("1GB");

        assertThat(tuned.generateCheckSum()).isEqualTo(example().generateCheckSum());
    }

    @Test
    void whatTheChangeDoesChangesTheChecksum() {
        BackfillInBatchesChange other = example();
        other.setValue("shipped");

        assertThat(other.generateCheckSum()).isNotEqualTo(example().generateCheckSum());
    }
}
