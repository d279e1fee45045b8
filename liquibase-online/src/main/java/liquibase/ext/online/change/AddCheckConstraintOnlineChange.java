package liquibase.ext.online.change;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.constraint.ConstraintPlanner;
import liquibase.ext.online.plan.LockLevel;
import liquibase.ext.online.plan.Plan;
import liquibase.statement.SqlStatement;
import liquibase.structure.core.Table;

/**
 * A check constraint added NOT VALID (catalog only, under lock_timeout) and validated while the application reads
 * and writes. Attribute names follow Liquibase Pro's {@code addCheckConstraint}; core OSS has no counterpart.
 */
@DatabaseChange(name = "addCheckConstraintOnline",
        description = "Adds a CHECK constraint NOT VALID (no scan, catalog only, under lock_timeout), then validates "
                + "it under SHARE UPDATE EXCLUSIVE while the application reads and writes. Needs "
                + "runInTransaction=\"false\".",
        priority = ChangeMetaData.PRIORITY_DEFAULT, appliesTo = "table", since = "0.1.0")
public class AddCheckConstraintOnlineChange extends AbstractOnlineTableChange {

    private String constraintName;
    private String constraintBody;
    private Boolean validate;
    private Boolean disabled;

    @DatabaseChangeProperty(description = "Name of the check constraint", exampleValue = "orders_total_positive",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getConstraintName() {
        return constraintName;
    }

    public void setConstraintName(String constraintName) {
        this.constraintName = constraintName;
    }

    @DatabaseChangeProperty(description = "The condition, as SQL", exampleValue = "total_cents >= 0",
            requiredForDatabase = "postgresql", supportsDatabase = "postgresql")
    public String getConstraintBody() {
        return constraintBody;
    }

    public void setConstraintBody(String constraintBody) {
        this.constraintBody = constraintBody;
    }

    @DatabaseChangeProperty(description = "Only true (the default) is supported", requiredForDatabase = "none",
            supportsDatabase = "postgresql")
    public Boolean getValidate() {
        return validate;
    }

    public void setValidate(Boolean validate) {
        this.validate = validate;
    }

    @DatabaseChangeProperty(description = "Not supported: PostgreSQL cannot disable a check constraint",
            requiredForDatabase = "none", supportsDatabase = "postgresql")
    public Boolean getDisabled() {
        return disabled;
    }

    public void setDisabled(Boolean disabled) {
        this.disabled = disabled;
    }

    @Override
    protected void validateAttributes(ValidationErrors errors) {
        String change = changeLabel();
        requireTableName(errors);
        required(errors, "constraintName", constraintName);
        if (isBlank(constraintBody)) {
            errors.addError(Messages.constraintBodyRequired(change));
        }
        validateNotFalse(errors, validate);
        if (Boolean.TRUE.equals(disabled)) {
            errors.addError(Messages.unsupportedChangeAttribute(change, "disabled=\"true\"", "PostgreSQL cannot "
                    + "disable a check constraint; remove it."));
        }
    }

    @Override
    protected Plan plan(Database database) {
        return ConstraintPlanner.check(changeLabel(), table(database), name(database),
                constraintBody == null ? null : constraintBody.trim(), retryPolicy());
    }

    private String name(Database database) {
        return constraintName == null ? null : database.escapeObjectName(constraintName, Table.class);
    }

    @Override
    public boolean supportsRollback(Database database) {
        return supports(database);
    }

    @Override
    public SqlStatement[] generateRollbackStatements(Database database) {
        return statements(ConstraintPlanner.dropConstraint(changeLabel(), table(database), name(database),
                LockLevel.ACCESS_EXCLUSIVE, retryPolicy()), database);
    }

    @Override
    public String getConfirmationMessage() {
        return "Check constraint " + constraintName + " added online to " + getTableName();
    }
}
