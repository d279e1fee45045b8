package liquibase.ext.online.executor;

/**
 * The change a walk belongs to, as Liquibase identifies its changeset in DATABASECHANGELOG, so a rerun of the same
 * changeset finds the position an interrupted run left.
 *
 * @param changelogFile the changeset's file path, as Liquibase records it
 * @param checksum      the changeset's checksum: a position left by another version of the changeset is void
 * @param changeIndex   which change of the changeset, counting from 0
 * @param lastChange    whether it is the changeset's last change, whose end is the changeset's end
 */
public record WalkOwner(String changelogFile, String changeSetId, String author, String checksum, int changeIndex,
                        boolean lastChange) {
}
