package liquibase.ext.online.statement;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.ext.online.render.PlanRenderer;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * Liquibase asks a generator for every statement, even one it executes itself, e.g. to log the changeset's SQL.
 * This one prints the plan; it never runs it.
 */
public class ExecutePlanGenerator extends AbstractSqlGenerator<ExecutePlanStatement> {

    @Override
    public boolean supports(ExecutePlanStatement statement, Database database) {
        return database instanceof PostgresDatabase;
    }

    @Override
    public ValidationErrors validate(ExecutePlanStatement statement, Database database,
                                     SqlGeneratorChain<ExecutePlanStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(ExecutePlanStatement statement, Database database,
                             SqlGeneratorChain<ExecutePlanStatement> chain) {
        return PlanRenderer.render(statement.getPlan()).stream().map(UnparsedSql::new).toArray(Sql[]::new);
    }
}
