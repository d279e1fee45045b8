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
     * The (escaped) column is not in the table yet, or it is there from an earlier, interrupted run of the same
     * change: same type, not NOT NULL when nullable was asked, and, unless {@code mayLackNotNull}, NOT NULL
     * when asked (a backfilling plan sets NOT NULL last, so a half-done run has it still nullable).
     */
    record NewColumnFits(TableRef table, String column, String type, boolean notNull, boolean mayLackNotNull)
            implements Precondition {
    }

    /** A foreign key's referenced table and (escaped) columns exist; {@code attribute} named them. */
    record ReferencedColumns(TableRef table, List<String> columns, String attribute) implements Precondition {
        public ReferencedColumns {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Nothing but an index on this table is called {@code index} (escaped) in the table's schema: with
     * {@code IF NOT EXISTS} another relation of that name would silently stand in for the new index. A valid
     * index of that name on this table must have {@code shape} (unless null): an earlier run's work, not an
     * index of the same name that somebody else made another way.
     */
    record IndexNameFree(TableRef table, String index, String attribute, IndexShape shape) implements Precondition {
    }

    /**
     * A constraint called {@code constraint} (escaped) on this table, if there is one, has {@code shape}: it is an
     * earlier, interrupted run's work (NOT VALID or validated), which the steps then finish instead of redoing.
     * One of another definition is refused before the first statement; {@code attribute} names what gave the name.
     */
    record ConstraintFits(TableRef table, String constraint, String attribute, ConstraintShape shape)
            implements Precondition {
    }

    /**
     * No two rows (matching {@code where}, if given) share non-null values of the {@code expressions}, so a
     * unique index can be built. Not checked when {@code unlessQuery} answers true (the index is already there).
     */
    record NoDuplicates(TableRef table, List<String> expressions, String where, String unlessQuery)
            implements Precondition {
        public NoDuplicates {
            expressions = List.copyOf(expressions);
        }
    }

    /**
     * The (escaped) column holds no NULL; {@code attribute} names what would fill them. Not checked when
     * {@code unlessQuery} answers true (NOT NULL already holds).
     */
    record NoNulls(TableRef table, String column, String unlessQuery) implements Precondition {
    }

    /**
     * The index, if it exists, is an index, is on {@code table} (when given; may be null) and backs no
     * constraint. {@code qualifiedIndex} is the escaped name as {@code DROP INDEX} resolves it.
     */
    record DroppableIndex(TableRef table, String qualifiedIndex) implements Precondition {
    }

    /**
     * A catalog query that must return no rows, else the change fails with {@code message} followed by the first
     * column of each row (e.g. the objects that are in the way). The query is complete SQL without parameters.
     */
    record NoRows(String query, String message) implements Precondition {
    }

    /**
     * The change cannot run on this database as it is; {@code message} says why and what to do. Checked before
     * the first statement, so nothing is changed.
     */
    record Refused(String message) implements Precondition {
    }
}
