package liquibase.ext.online.plan.rename;

import java.util.List;

import liquibase.ext.online.plan.BackfillStep;
import liquibase.ext.online.plan.Plan;
import liquibase.ext.online.plan.Step;

/** Details that only update-sql needs filled in before a plan is printed. */
public final class PrintedPlans {

    private PrintedPlans() {
    }

    /** The batch loop of a backfill is printed only with the key's column names (escaped); empty keeps the plan. */
    public static Plan withKeys(Plan plan, List<String> keys) {
        if (keys.isEmpty()) {
            return plan;
        }
        List<Step> steps = plan.steps().stream()
                .map(step -> step instanceof BackfillStep b && b.keyColumns().isEmpty()
                        ? (Step) new BackfillStep(b.description(), b.table(), b.column(), b.valueSql(), b.where(),
                        keys, b.batchSize(), b.pauseMillis(), b.retry())
                        : step)
                .toList();
        return new Plan(plan.changeLabel(), plan.preconditions(), steps);
    }
}
