package liquibase.ext.online.lint;

/**
 * One unsafe change: where it is, what it is and which rule it breaks.
 *
 * @param file           the changeset's file, as Liquibase names it (relative to the search path)
 * @param line           the line of the change in that file, or of its changeset; 0 when unknown
 * @param changeSetId    the changeset's id
 * @param author         the changeset's author
 * @param changeType     the change's name ({@code createIndex}, {@code sql}, ...)
 * @param rule           the rule it breaks
 * @param message        what exactly is unsafe, with the table's name
 * @param acceptedReason the reason given by an {@code online-lint:accept} in the changeset's comment, or null
 */
public record Finding(String file, int line, String changeSetId, String author, String changeType, Rule rule,
        String message, String acceptedReason) {

    public boolean accepted() {
        return acceptedReason != null;
    }

    /** Whether this finding makes the command fail: an error that was not accepted. */
    public boolean failing() {
        return !accepted() && rule.level() == Level.ERROR;
    }

    public String changeSet() {
        return changeSetId + "::" + author;
    }
}
