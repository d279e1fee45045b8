package liquibase.ext.online.catalog;

import static liquibase.ext.online.plan.CatalogGuards.literal;

/**
 * Catalog queries, as SQL text, that tell whether a step's effect is already there (for a rerun) or whether the
 * database is in a state the change can start from. Names are embedded as literals, so the queries have no
 * parameters and can be printed.
 */
public final class CatalogChecks {

    private CatalogChecks() {
    }

    public static String regclass(String escapedName) {
        return "to_regclass(" + literal(escapedName) + ")";
    }

    public static String name(String escapedName) {
        return literal(Catalog.nameAsParsed(escapedName));
    }

    public static String triggerExists(String table, String trigger) {
        return "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = " + regclass(table) + " AND tgname = "
                + name(trigger) + ")";
    }

    /** A row (naming the column) when {@code column} exists but {@code function} does not. */
    public static String columnExistsWithoutFunction(String table, String column, String function) {
        return "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = " + regclass(table)
                + " AND attname = " + name(column) + " AND attnum > 0 AND NOT attisdropped"
                + " AND to_regprocedure(" + literal(function + "()") + ") IS NULL";
    }

    /** A row (naming the constraint) when the column is part of the table's primary key. */
    public static String primaryKeyWith(String table, String column) {
        return "SELECT quote_ident(c.conname) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid"
                + " AND a.attnum = ANY (c.conkey) WHERE c.conrelid = " + regclass(table)
                + " AND c.contype = 'p' AND a.attname = " + name(column);
    }

    /** A row (saying what it is) when the column is an identity or generated column, which a trigger cannot write. */
    public static String identityOrGenerated(String table, String column) {
        return "SELECT CASE WHEN attidentity <> '' THEN 'identity column' ELSE 'generated column' END"
                + " FROM pg_attribute WHERE attrelid = " + regclass(table) + " AND attname = " + name(column)
                + " AND (attidentity <> '' OR attgenerated <> '')";
    }

    /** A row (naming the table) when the trigger does not exist. */
    public static String triggerMissing(String table, String trigger) {
        return "SELECT " + literal(table) + " WHERE NOT (" + triggerExists(table, trigger) + ")";
    }

    /**
     * One row per object that still uses the column and would not go with it: views, rules, triggers of others,
     * owned sequences, policies, statistics, generated columns. The column's own default, the table's indexes
     * and constraints and the foreign keys that reference it (copied, then dropped) do not count.
     */
    public static String dependentsOf(String table, String column) {
        return """
                SELECT pg_describe_object(d.classid, d.objid, d.objsubid)
                  FROM pg_depend d
                  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = %1$s AND a.attname = %2$s
                   AND d.deptype IN ('n', 'a')
                   AND NOT (d.classid = 'pg_class'::regclass
                            AND d.objid IN (SELECT indexrelid FROM pg_index WHERE indrelid = d.refobjid))
                   AND NOT (d.classid = 'pg_constraint'::regclass
                            AND d.objid IN (SELECT oid FROM pg_constraint
                                             WHERE conrelid = d.refobjid OR confrelid = d.refobjid))
                   AND NOT (d.classid = 'pg_attrdef'::regclass
                            AND d.objid IN (SELECT oid FROM pg_attrdef
                                             WHERE adrelid = d.refobjid AND adnum = d.refobjsubid))
                 ORDER BY 1""".formatted(regclass(table), name(column));
    }
}
