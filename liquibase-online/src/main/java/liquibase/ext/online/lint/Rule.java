package liquibase.ext.online.lint;

import java.util.Locale;

/**
 * The rules of {@code online-lint}, each with a stable id. {@link #why} says which lock or rewrite PostgreSQL takes
 * and from which version on; {@link #fix} names what to use instead. docs/online-lint.md has one section per rule,
 * with a bad and a good example; its anchor is the rule's {@link #slug()}.
 */
public enum Rule {

    OL001(Level.ERROR, "create-index-not-concurrently", "Index built without CONCURRENTLY",
            "CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table for the whole build: every INSERT, "
                    + "UPDATE and DELETE waits until the index is built (all PostgreSQL versions).",
            "online:createIndexConcurrently, or CREATE INDEX CONCURRENTLY in a changeset with "
                    + "runInTransaction=\"false\"."),
    OL002(Level.ERROR, "drop-index-not-concurrently", "Index dropped without CONCURRENTLY",
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits behind every running query "
                    + "on the table, and every query that comes after it, reads included, waits behind it.",
            "online:dropIndexConcurrently, or DROP INDEX CONCURRENTLY in a changeset with runInTransaction=\"false\"."),
    OL003(Level.ERROR, "add-column-volatile-default", "Column added with a volatile default",
            "ADD COLUMN with a volatile default (random(), clock_timestamp(), gen_random_uuid(), nextval() through "
                    + "serial or an identity, a stored generated column) rewrites the whole table and its indexes "
                    + "under an ACCESS EXCLUSIVE lock. A constant or stable default such as now() needs no rewrite "
                    + "from PostgreSQL 11 on.",
            "online:addColumnOnline, which adds the column without the default and backfills it in batches."),
    OL004(Level.ERROR, "add-column-not-null-without-default", "NOT NULL column added without a default",
            "ADD COLUMN ... NOT NULL without a default fails on a table that has rows (\"column contains null "
                    + "values\"), so it only works on an empty table.",
            "online:addColumnOnline with a default, or add the column nullable, fill it with "
                    + "online:backfillInBatches and then use online:addNotNullConstraintOnline."),
    OL005(Level.ERROR, "add-column-with-value", "Column added and filled in one UPDATE",
            "addColumn with value, valueNumeric, valueBoolean, valueDate or valueComputed adds the column and then "
                    + "runs one UPDATE of every row in the same transaction: all rows stay locked until the commit "
                    + "and each gets a new row version.",
            "online:addColumnOnline (default for new rows, batched backfill for old ones), or addColumn without "
                    + "a value followed by online:backfillInBatches."),
    OL006(Level.ERROR, "add-not-null", "NOT NULL set on an existing column",
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to check for NULLs (PostgreSQL 12+ "
                    + "skips the scan only when a validated CHECK (column IS NOT NULL) exists). addNotNullConstraint "
                    + "with defaultNullValue first updates every NULL row in the same transaction.",
            "online:addNotNullConstraintOnline (CHECK ... NOT VALID, VALIDATE, then SET NOT NULL without a scan)."),
    OL007(Level.ERROR, "add-foreign-key-validated", "Foreign key added and validated at once",
            "ADD FOREIGN KEY without NOT VALID takes SHARE ROW EXCLUSIVE locks on both tables and checks every row "
                    + "while it holds them: writes to both tables wait for the whole check.",
            "online:addForeignKeyConstraintOnline (ADD ... NOT VALID, then VALIDATE CONSTRAINT, which lets writes "
                    + "go on)."),
    OL008(Level.ERROR, "add-unique-constraint", "Unique constraint built under lock",
            "ADD CONSTRAINT ... UNIQUE builds its index while it holds an ACCESS EXCLUSIVE lock on the table: "
                    + "reads and writes wait for the whole build.",
            "online:addUniqueConstraintOnline (CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING "
                    + "INDEX)."),
    OL009(Level.ERROR, "add-primary-key", "Primary key added to an existing table",
            "ADD PRIMARY KEY builds its index, and sets NOT NULL on its columns, while it holds an ACCESS EXCLUSIVE "
                    + "lock on the table: reads and writes wait for the whole build and scan.",
            "online:createIndexConcurrently with unique=\"true\" (after online:addNotNullConstraintOnline on its "
                    + "columns), then ALTER TABLE ... ADD PRIMARY KEY USING INDEX in a sql change."),
    OL010(Level.ERROR, "change-column-type", "Column type changed with a table rewrite",
            "ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, "
                    + "except for the few changes PostgreSQL knows need no rewrite (a longer varchar, varchar to "
                    + "text, a wider numeric).",
            "online:changeColumnTypeOnline, then online:completeColumnTypeChange in a later release."),
    OL011(Level.ERROR, "rename-column", "Column renamed in place",
            "RENAME COLUMN is quick, but every running instance of the application that still uses the old name "
                    + "fails from that moment until it is redeployed.",
            "online:renameColumnWithTrigger (expand), then online:completeColumnRename once no application uses "
                    + "the old name."),
    OL012(Level.ERROR, "rename-table", "Table renamed in place",
            "RENAME TO is quick, but every running instance of the application that still uses the old name fails "
                    + "from that moment until it is redeployed.",
            "Rename in two releases: rename the table and create a view under the old name in the same changeset, "
                    + "move the application to the new name, then drop the view."),
    OL013(Level.WARNING, "drop-column", "Column dropped",
            "DROP COLUMN takes an ACCESS EXCLUSIVE lock only briefly (no rewrite), but an application that still "
                    + "reads or writes the column fails, and an ORM that caches columns may fail on INSERT.",
            "Deploy an application that no longer uses the column first, then drop it; accept the finding with "
                    + "online-lint:accept OL013 and say so."),
    OL014(Level.ERROR, "update-whole-table", "Whole table updated in one statement",
            "One UPDATE of a whole existing table locks every row it changes until the commit, writes a new "
                    + "version of each (WAL, bloat, replica lag) and can run for minutes.",
            "online:backfillInBatches (keyset batches in short transactions, resumable)."),
    OL015(Level.ERROR, "delete-whole-table", "Whole table deleted in one statement",
            "One DELETE of a whole existing table locks every row until the commit and can run for minutes; "
                    + "TRUNCATE instead takes an ACCESS EXCLUSIVE lock.",
            "Delete in batches of keys, in several short transactions (sql changes with a WHERE on a key range)."),
    OL016(Level.ERROR, "concurrently-in-transaction", "CONCURRENTLY inside a transaction",
            "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and REINDEX ... CONCURRENTLY cannot run inside a "
                    + "transaction block, and Liquibase runs a changeset in one unless runInTransaction=\"false\".",
            "Set runInTransaction=\"false\" on the changeset (one such statement per changeset)."),
    OL017(Level.ERROR, "add-check-constraint-validated", "CHECK constraint added and validated at once",
            "ADD CONSTRAINT ... CHECK without NOT VALID scans the whole table while it holds an ACCESS EXCLUSIVE "
                    + "lock: reads and writes wait for the scan.",
            "online:addCheckConstraintOnline (ADD ... NOT VALID, then VALIDATE CONSTRAINT)."),
    OL018(Level.WARNING, "sql-not-parsed", "SQL statement not understood",
            "online-lint could not parse this statement with its PostgreSQL grammar, so it cannot tell which "
                    + "locks it takes.",
            "Check the statement by hand; accept the finding with online-lint:accept OL018 and a reason.");

    private final Level level;
    private final String slug;
    private final String title;
    private final String why;
    private final String fix;

    Rule(Level level, String slug, String title, String why, String fix) {
        this.level = level;
        this.slug = slug;
        this.title = title;
        this.why = why;
        this.fix = fix;
    }

    public String id() {
        return name();
    }

    public Level level() {
        return level;
    }

    /** The kebab-case name, also the rule's anchor in docs/online-lint.md. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }

    /** The rule's section in the docs. */
    public String helpUri() {
        return "https://github.com/liquibase-online/liquibase-online/blob/main/docs/online-lint.md#"
                + name().toLowerCase(Locale.ROOT) + "-" + slug;
    }

    /** The rule named by its id ({@code OL007}, any case) or its slug, or null. */
    public static Rule named(String name) {
        for (Rule rule : values()) {
            if (rule.name().equalsIgnoreCase(name) || rule.slug.equalsIgnoreCase(name)) {
                return rule;
            }
        }
        return null;
    }
}
