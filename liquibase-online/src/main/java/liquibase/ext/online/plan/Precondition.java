package liquibase.ext.online.plan;

import java.util.List;

/**
 * A fact about the database the plan relies on. Checked when the change starts, before its first statement,
 * because a table created by an earlier changeset of the same update does not exist yet at validation time.
 */
public sealed interface Precondition {

    /** The table must exist. */
    record TableExists(TableRef table) implements Precondition {
    }

    /**
     * The column must exist in the table. {@code column} is escaped; {@code attribute} names the changelog
     * attribute that gave it.
     */
    record ColumnExists(TableRef table, String column, String attribute) implements Precondition {
    }

    /**
     * The (escaped) key columns must exist; when none are given the table needs a primary key or a unique index
     * on NOT NULL columns.
     */
    record UsableKey(TableRef table, List<String> keyColumns) implements Precondition {
        public UsableKey {
            keyColumns = List.copyOf(keyColumns);
        }
    }

    /**
     * A catalog query that must return no rows, else the change fails with {@code message} followed by the first
     * column of each row (e.g. the objects that are in the way). The query is complete SQL without parameters.
     */
    record NoRows(String query, String message) implements Precondition {
    }
}
