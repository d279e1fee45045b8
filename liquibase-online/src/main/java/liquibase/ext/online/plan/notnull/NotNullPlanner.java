package liquibase.ext.online.plan.notnull;

import java.util.ArrayList;
import java.util.List;
import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.ConstraintShape;
import liquibase.ext.online.plan.ConstraintSteps;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.NotNullSpec;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;
import liquibase.ext.online.plan.SqlStep;
import liquibase.ext.online.plan.Step;

/**
 * Plans {@code addNotNullConstraintOnline}: fill NULLs in batches (if asked), then make the column NOT NULL with
 * no scan under ACCESS EXCLUSIVE. PostgreSQL 18 can add a NOT NULL constraint NOT VALID and validate it later;
 * older versions get there through a validated helper check.
 */
public final class NotNullPlanner {

    private NotNullPlanner() {
    }

    public static Plan plan(NotNullSpec spec, int postgresMajor) {
        String table = spec.table().sql();
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.TableExists(spec.table()));
        preconditions.add(new Precondition.ColumnExists(spec.table(), spec.column(), "columnName"));
        preconditions.add(postgresMajor >= PostgresVersions.NOT_NULL_NOT_VALID_SINCE
                ? new Precondition.ConstraintFits(spec.table(), spec.constraintName(), "constraintName",
                        ConstraintShape.notNull(spec.column()))
                : new Precondition.ConstraintFits(spec.table(), spec.helperCheck(), "the helper check (named after "
                        + "tableName and columnName)", ConstraintShape.check(spec.column() + " IS NOT NULL")));
        List<Step> steps = new ArrayList<>();
        if (spec.fillSql() == null) {
            preconditions.add(new Precondition.NoNulls(spec.table(), spec.column(),
                    CatalogGuards.notNullValidated(table, spec.column())));
        } else {
            preconditions.add(new Precondition.UsableKey(spec.table(), List.of()));
            steps.add(new BackfillStep("fill " + spec.column() + " of " + table + " with " + spec.fillSql()
                    + " where it IS NULL, in batches", table, spec.column(), spec.fillSql(), null, List.of(),
                    spec.batchSize(), spec.pauseMillis(), spec.retry()));
        }
        steps.addAll(ConstraintSteps.notNull(postgresMajor, table, spec.column(), spec.constraintName(),
                spec.helperCheck(), spec.retry()));
        return new Plan(spec.changeLabel(), preconditions, steps);
    }

    /** DROP NOT NULL is catalog only; values filled from defaultNullValue stay. */
    public static Plan rollback(NotNullSpec spec) {
        String table = spec.table().sql();
        return new Plan(spec.changeLabel() + " (rollback)", List.of(), List.of(
                ConstraintSteps.dropConstraint(table, spec.helperCheck(), LockLevel.ACCESS_EXCLUSIVE, spec.retry()),
                new SqlStep("drop NOT NULL of " + spec.column() + " (catalog only)", "ALTER TABLE IF EXISTS " + table
                        + " ALTER COLUMN " + spec.column() + " DROP NOT NULL", LockLevel.ACCESS_EXCLUSIVE, table, true,
                        spec.retry())));
    }
}
