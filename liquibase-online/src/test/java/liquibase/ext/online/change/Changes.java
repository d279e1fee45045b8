package liquibase.ext.online.change;

import java.util.List;

import liquibase.change.AddColumnConfig;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.PostgresDatabase;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.SqlStep;

/** Small builders for the unit tests of the change types: no database, a changeset db.xml::7::ann. */
final class Changes {

    static final PostgresDatabase PG = new PostgresDatabase();

    private Changes() {
    }

    static <T extends AbstractOnlineChange> T inChangeSet(T change, boolean runInTransaction) {
        change.setChangeSet(new ChangeSet("7", "ann", false, false, "db.xml", null, null, runInTransaction, null));
        return change;
    }

    static <T extends AbstractOnlineChange> T inChangeSet(T change) {
        return inChangeSet(change, false);
    }

    static List<String> errorsOf(AbstractOnlineChange change) {
        return change.validate(PG).getErrorMessages();
    }

    static List<String> sql(Plan plan) {
        return plan.steps().stream().map(s -> ((SqlStep) s).sql()).toList();
    }

    static AddColumnConfig column(String name) {
        AddColumnConfig column = new AddColumnConfig();
        column.setName(name);
        return column;
    }
}
