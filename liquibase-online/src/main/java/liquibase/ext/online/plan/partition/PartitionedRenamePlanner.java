package liquibase.ext.online.plan.partition;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.message.Messages;
import liquibase.ext.online.plan.CatalogGuards;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.PostgresVersions;
import liquibase.ext.online.plan.Precondition;

/**
 * {@code renameColumnWithTrigger} on a partitioned table. From PostgreSQL 13 the sync trigger on the partitioned
 * table is cloned to every partition and the plain plan works; PostgreSQL 12 has no BEFORE ... FOR EACH ROW
 * triggers on partitioned tables, so the plan would stop after adding the new column. There it is refused at
 * start, before any statement: a catalog check, so the plan stays pure.
 */
public final class PartitionedRenamePlanner {

    private PartitionedRenamePlanner() {
    }

    /** The plan with a first precondition that refuses a partitioned table on PostgreSQL 12. */
    public static Plan guard(Plan plan, String table) {
        List<Precondition> preconditions = new ArrayList<>();
        preconditions.add(new Precondition.NoRows("SELECT 'PostgreSQL ' || (current_setting('server_version_num')::int"
                + " / 10000) FROM pg_catalog.pg_class WHERE oid = to_regclass(" + CatalogGuards.literal(table) + ")"
                + " AND relkind = 'p' AND current_setting('server_version_num')::int < "
                + PostgresVersions.ROW_TRIGGERS_ON_PARTITIONED_SINCE * 10000,
                Messages.partitionedNotSupported(plan.changeLabel(), "renameColumnWithTrigger on PostgreSQL 12",
                        table, "PostgreSQL 12 cannot create the BEFORE ... FOR EACH ROW trigger that keeps the old "
                                + "and the new column in sync on a partitioned table",
                        "Run it on PostgreSQL 13 or newer, or rename with the stock renameColumn (catalog only, "
                                + "but old and new application versions cannot run side by side). Server: ")));
        preconditions.addAll(plan.preconditions());
        return new Plan(plan.changeLabel(), preconditions, plan.steps());
    }
}
