package liquibase.ext.online.plan.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import liquibase.ext.online.catalog.ColumnTypeFacts;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.ColumnTypeSpec;
import liquibase.ext.online.plan.ConstraintSteps;
import liquibase.ext.online.plan.IndexSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.RetryPolicy;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;
import liquibase.ext.online.plan.TableRef;

/**
 * Plans {@code changeColumnTypeOnline}. When PostgreSQL can change the type in the catalog alone, one
 * {@code ALTER COLUMN ... TYPE} under lock_timeout. Otherwise a shadow column of the new type, kept in sync both
 * ways by a trigger, filled in batches, given NOT NULL and its indexes while the application works, verified, and
 * swapped in with the old column in one short transaction; the old column stays as {@code <column>_old} until
 * {@code completeColumnTypeChange} drops it.
 */
public final class ColumnTypePlanner {

    /** A serial's sequence follows the column into these types (its limit grows with them). */
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "int2", "integer", "int", "int4", "bigint",
            "int8");

    private ColumnTypePlanner() {
    }

    public static Plan plan(ColumnTypeSpec spec, ColumnTypeFacts facts) {
        String table = spec.table().sql();
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.table()));
        preconditions.add(new Precondition.ColumnExists(spec.table(), spec.column(), "columnName"));
        if (!facts.refusals().isEmpty()) {
            preconditions.add(new Precondition.Refused(String.join("\n", facts.refusals())));
            return new Plan(spec.changeLabel(), preconditions, List.of());
        }
        if (facts.alreadyNewType()) {
            return new Plan(spec.changeLabel(), preconditions, List.of());
        }
        if (facts.noRewrite()) {
            return new Plan(spec.changeLabel(), preconditions, List.of(new SqlStep(
                    "change the type of " + spec.column() + " to " + spec.newType()
                            + " (PostgreSQL needs no table rewrite for this change: catalog only)",
                    "ALTER TABLE " + table + " ALTER COLUMN " + spec.column() + " TYPE " + spec.newType(),
                    LockLevel.ACCESS_EXCLUSIVE, table, true, spec.retry())));
        }
        preconditions.add(new Precondition.UsableKey(spec.table(), List.of()));
        // Built with IF NOT EXISTS: another relation of the shadow index's name would silently stand in for it.
        if (facts.primaryKey() != null) {
            preconditions.add(shadowIndexNameFree(spec, facts.primaryKey()));
        }
        facts.indexes().forEach(index -> preconditions.add(shadowIndexNameFree(spec, index)));
        List<Step> steps = new ArrayList<>();
        steps.add(new SqlStep("add the shadow column " + spec.shadow() + " " + spec.newType() + " (nullable, catalog only)",
                "ALTER TABLE " + table + " ADD COLUMN " + spec.shadow() + " " + spec.newType(),
                LockLevel.ACCESS_EXCLUSIVE, table, true, spec.retry(), CatalogGuards.columnExists(table, spec.shadow())));
        steps.add(new SqlStep("create the function " + spec.function() + " that keeps " + spec.column() + " and "
                + spec.shadow() + " in sync both ways", syncFunction(spec), LockLevel.NONE, table, true, spec.retry()));
        steps.add(new SqlStep("create the trigger " + spec.trigger() + " on " + table + " (catalog only)",
                "CREATE TRIGGER " + spec.trigger() + " BEFORE INSERT OR UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION " + spec.function() + "()",
                LockLevel.SHARE_ROW_EXCLUSIVE, table, true, spec.retry(), triggerExists(table, spec.trigger())));
        steps.add(new BackfillStep("fill " + spec.shadow() + " of " + table + " with " + spec.castSql()
                + " where it IS NULL, in batches", table, spec.shadow(), spec.castSql(), null, List.of(),
                spec.batchSize(), spec.pauseMillis(), spec.retry()));
        if (facts.notNull()) {
            steps.addAll(ConstraintSteps.notNull(facts.postgresMajor(), table, spec.shadow(), spec.shadowNotNull(),
                    spec.notNullCheck(), spec.retry()));
        }
        if (facts.primaryKey() != null) {
            steps.addAll(shadowIndex(spec, facts.primaryKey(), "the primary key " + facts.primaryKey().name()));
        }
        for (ColumnTypeFacts.ShadowIndex index : facts.indexes()) {
            steps.addAll(shadowIndex(spec, index, "index " + index.name()));
        }
        steps.add(new SqlStep("verify that " + spec.shadow() + " = " + spec.castSql() + " in every row (reads only)",
                verify(spec), LockLevel.NONE, table, true, spec.retry(), swapDone(table, spec)));
        steps.add(new SqlStep("swap: rename " + spec.column() + " to " + spec.old() + " and " + spec.shadow() + " to "
                + spec.column() + (facts.defaultSql() == null ? "" : ", move the default")
                + (facts.primaryKey() == null ? "" : ", move the primary key")
                + (facts.indexes().isEmpty() ? "" : ", swap the indexes")
                + ", drop the sync trigger (one short transaction, catalog only)",
                swap(spec, facts), LockLevel.ACCESS_EXCLUSIVE, table, true, spec.retry(), swapDone(table, spec)));
        steps.add(new SqlStep("ANALYZE " + table + " (statistics for the new column)", "ANALYZE " + table,
                LockLevel.SHARE_UPDATE_EXCLUSIVE, table, false, spec.retry()));
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    private static Precondition shadowIndexNameFree(ColumnTypeSpec spec, ColumnTypeFacts.ShadowIndex index) {
        return new Precondition.IndexNameFree(spec.table(), index.shadowName(), "index name (the copy of "
                + index.name() + " on " + spec.shadow() + ")", null);
    }

    private static List<SqlStep> shadowIndex(ColumnTypeSpec spec, ColumnTypeFacts.ShadowIndex index, String what) {
        String table = spec.table().sql();
        return IndexSteps.buildConcurrently("build " + (index.unique() ? "unique " : "") + "index "
                        + index.shadowName() + " on " + spec.shadow() + " for " + what, table, spec.schemaPrefix(),
                index.shadowName(), "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
                        + index.shadowName() + " ON " + table + " USING " + index.method() + " (" + spec.shadow()
                        + index.options() + ")", spec.retry());
    }

    /**
     * A BEFORE trigger. An INSERT that gives the new column (only an application that knows it does) sets the
     * old one from it with the reverse cast, even over the old column's default; any other INSERT sets the new
     * column from the old one. An UPDATE that changes only the old column sets the new one with the cast; one that
     * changes only the new column (an application already using it) sets the old one with the reverse cast,
     * unless both already agree (so the backfill never touches the old column); a row still unfilled is filled
     * on any update. The expressions are evaluated over a one-row subquery whose column has the old column's
     * name, so they can be written exactly as in the backfill.
     * <p>
     * The function runs with the search_path of the migration that creates it, not the caller's: the cast is a
     * user's expression, and a schema early on the application's path (or its temporary schema) could otherwise
     * give its functions and operators another meaning than they had in the backfill.
     */
    static String syncFunction(ColumnTypeSpec spec) {
        String c = spec.column();
        String s = spec.shadow();
        String toNew = "(SELECT " + spec.castSql() + " FROM (SELECT NEW." + c + ") AS online_row(" + c + "))";
        String toOld = "(SELECT " + spec.reverseSql() + " FROM (SELECT NEW." + s + ") AS online_row(" + c + "))";
        return "CREATE OR REPLACE FUNCTION " + spec.function() + "() RETURNS trigger LANGUAGE plpgsql\n"
                + "SET search_path FROM CURRENT AS $online$\n"
                + "BEGIN\n"
                + "    IF TG_OP = 'INSERT' THEN\n"
                + "        IF NEW." + s + " IS NULL THEN\n"
                + "            NEW." + s + " := " + toNew + ";\n"
                + "        ELSIF NEW." + s + " IS DISTINCT FROM " + toNew + " THEN\n"
                + "            NEW." + c + " := " + toOld + ";\n"
                + "        END IF;\n"
                + "    ELSIF NEW." + c + " IS DISTINCT FROM OLD." + c + " AND NEW." + s + " IS NOT DISTINCT FROM OLD."
                + s + " THEN\n"
                + "        NEW." + s + " := " + toNew + ";\n"
                + "    ELSIF NEW." + s + " IS DISTINCT FROM OLD." + s + " AND NEW." + c + " IS NOT DISTINCT FROM OLD."
                + c + " THEN\n"
                + "        IF NEW." + s + " IS DISTINCT FROM " + toNew + " THEN\n"
                + "            NEW." + c + " := " + toOld + ";\n"
                + "        END IF;\n"
                + "    ELSIF NEW." + s + " IS NULL THEN\n"
                + "        NEW." + s + " := " + toNew + ";\n"
                + "    END IF;\n"
                + "    RETURN NEW;\n"
                + "END\n"
                + "$online$";
    }

    static String verify(ColumnTypeSpec spec) {
        String table = spec.table().sql();
        String message = ("% rows of " + table + " have " + spec.shadow() + " different from " + spec.castSql()
                + "; the sync trigger or the cast is not exact. Nothing was swapped.").replace("'", "''")
                .replace("%", "%%").replaceFirst("%%", "%");
        return "DO $online$\n"
                + "DECLARE\n"
                + "    online_differing bigint;\n"
                + "BEGIN\n"
                + "    SELECT count(*) INTO online_differing FROM " + table + " WHERE " + spec.shadow()
                + " IS DISTINCT FROM (" + spec.castSql() + ");\n"
                + "    IF online_differing > 0 THEN\n"
                + "        RAISE EXCEPTION '" + message + "', online_differing;\n"
                + "    END IF;\n"
                + "END\n"
                + "$online$";
    }

    static String swap(ColumnTypeSpec spec, ColumnTypeFacts facts) {
        String table = spec.table().sql();
        String alter = "ALTER TABLE " + table + " ";
        List<String> sql = new ArrayList<>();
        if (facts.primaryKey() != null) {
            sql.add(alter + "DROP CONSTRAINT " + facts.primaryKey().name());
        }
        sql.add(alter + "RENAME COLUMN " + spec.column() + " TO " + spec.old());
        sql.add(alter + "RENAME COLUMN " + spec.shadow() + " TO " + spec.column());
        if (facts.defaultSql() != null) {
            sql.add(alter + "ALTER COLUMN " + spec.old() + " DROP DEFAULT, ALTER COLUMN " + spec.column()
                    + " SET DEFAULT " + facts.defaultSql());
        }
        if (facts.notNull()) {
            sql.add(alter + "ALTER COLUMN " + spec.old() + " DROP NOT NULL");
            if (facts.postgresMajor() >= PostgresVersions.NOT_NULL_NOT_VALID_SINCE) {
                // The old column's constraint is gone with its NOT NULL: its name is free for the new column's.
                sql.add(ConstraintSteps.renameNotNull(table, spec.column(), spec.notNull()));
            }
        }
        if (facts.primaryKey() != null) {
            sql.add(alter + "ADD CONSTRAINT " + facts.primaryKey().name() + " PRIMARY KEY USING INDEX "
                    + facts.primaryKey().shadowName());
        }
        for (ColumnTypeFacts.ShadowIndex index : facts.indexes()) {
            sql.add("DROP INDEX " + spec.schemaPrefix() + index.name());
            sql.add("ALTER INDEX " + spec.schemaPrefix() + index.shadowName() + " RENAME TO " + index.name());
        }
        boolean integerType = INTEGER_TYPES.contains(spec.newType().trim().toLowerCase(Locale.ROOT));
        for (String sequence : facts.sequences()) {
            sql.add("ALTER SEQUENCE " + sequence + " OWNED BY " + table + "." + spec.column());
            if (integerType) {
                sql.add("ALTER SEQUENCE " + sequence + " AS " + spec.newType());
            }
        }
        sql.add("DROP TRIGGER IF EXISTS " + spec.trigger() + " ON " + table);
        sql.add("DROP FUNCTION IF EXISTS " + spec.function() + "()");
        return String.join(";\n", sql);
    }

    /** After the swap the old column is there under its new name and the shadow column is gone. */
    static String swapDone(String table, ColumnTypeSpec spec) {
        return CatalogGuards.columnExists(table, spec.old()) + " AND NOT "
                + CatalogGuards.columnExists(table, spec.shadow()).substring("SELECT ".length());
    }

    public static String triggerExists(String table, String trigger) {
        return "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = to_regclass("
                + CatalogGuards.literal(table) + ") AND tgname = (parse_ident(" + CatalogGuards.literal(trigger)
                + "))[1])";
    }

    /**
     * {@code completeColumnTypeChange}: drop the old column, catalog only. Refused at start (by the caller's
     * facts) when it is missing or something depends on it.
     */
    public static Plan complete(String changeLabel, TableRef table, String old, List<String> refusals,
                                RetryPolicy retry) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(table));
        if (!refusals.isEmpty()) {
            preconditions.add(new Precondition.Refused(String.join("\n", refusals)));
            return new Plan(changeLabel, preconditions, List.of());
        }
        preconditions.add(new Precondition.ColumnExists(table, old, "columnName + _old"));
        return new Plan(changeLabel, preconditions, List.of(new SqlStep("drop the old column " + old
                + " (catalog only; the space is reclaimed as rows are rewritten)", "ALTER TABLE " + table.sql()
                + " DROP COLUMN IF EXISTS " + old, LockLevel.ACCESS_EXCLUSIVE, table.sql(), true, retry)));
    }
}
