package liquibase.ext.online.change;

import java.sql.Connection;
import java.sql.SQLException;

import liquibase.Scope;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.database.Database;
import liquibase.ext.online.catalog.Catalog;
import liquibase.ext.online.catalog.ColumnFacts;
import liquibase.ext.online.config.OnlineSettings;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.rename.ContractPlanner;
import liquibase.ext.online.plan.rename.RenameTarget;

/**
 * The contract half of a column rename: once no application version uses the old name, drops the old column,
 * the trigger and its function. Refuses while the old column is still used by a view or another object.
 */
@DatabaseChange(name = "completeColumnRename",
        description = "Renames a column without downtime, second half: after renameColumnWithTrigger and once no "
                + "application uses the old name, checks both columns agree and drops the trigger, its function "
                + "and the old column. Needs runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "column", since = "0.1.0")
public class CompleteColumnRenameChange extends AbstractColumnRenameChange {

    @Override
    protected RenameTarget target(Database database) {
        return target(database, null, OnlineSettings.batchSize(null), OnlineSettings.pauseMillis(null));
    }

    @Override
    protected Plan plan(RenameTarget target, ColumnFacts old) {
        return new ContractPlanner(target).plan(old);
    }

    /**
     * The old column gone, the new one there and neither the trigger nor its function left: this change's own
     * finished work, done but not recorded (killed before Liquibase wrote DATABASECHANGELOG). Nothing to do.
     * Any other state without the old column keeps the plan whose preconditions say what is missing.
     */
    @Override
    protected Plan planWithoutOldColumn(RenameTarget target, Connection connection) throws SQLException {
        ContractPlanner contract = new ContractPlanner(target);
        if (!new Catalog(connection).isTrue(contract.completeQuery())) {
            return null;
        }
        Scope.getCurrentScope().getLog(getClass()).info(target.changeLabel() + ": " + target.oldColumn()
                + " is gone, " + target.newColumn() + " is there and trigger " + target.trigger() + " and function "
                + target.function() + " are dropped: the rename is already complete (not recorded by an earlier "
                + "run); nothing to do");
        return contract.alreadyComplete();
    }

    /** Back to the expanded state: the old column again, filled from the new one and kept equal by the trigger. */
    @Override
    protected Plan rollback(RenameTarget target, ColumnFacts renamed) {
        return new ContractPlanner(target).rollback(renamed);
    }

    @Override
    public String getConfirmationMessage() {
        return "Verified that no row differs between " + getTableName() + "." + getOldColumnName() + " and "
                + getNewColumnName() + "; column " + getOldColumnName() + ", its trigger and function dropped; "
                + getNewColumnName() + " is the only name left";
    }
}
