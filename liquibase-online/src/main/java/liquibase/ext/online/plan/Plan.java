package liquibase.ext.online.plan;

import java.util.List;
import java.util.function.Function;

/**
 * What an online change does, in order: the preconditions checked at start, then the steps.
 *
 * @param changeLabel names the change and its changeset in every message, e.g.
 *                    {@code backfillInBatches in changeset db/changelog.xml::42::alice}
 */
public record Plan(String changeLabel, List<Precondition> preconditions, List<Step> steps) {

    public Plan {
        preconditions = List.copyOf(preconditions);
        steps = List.copyOf(steps);
    }

    /**
     * The plan with the key filled into every backfill that has none, as {@code keysOf} gives it for the
     * backfill's table (escaped column names; empty leaves the step as it is). Only update-sql needs this: the
     * printed batch loop names the key, which {@code update} finds when the change starts.
     */
    public Plan withBackfillKeys(Function<String, List<String>> keysOf) {
        List<Step> keyed = steps.stream().map(step -> {
            if (step instanceof BackfillStep b && b.keyColumns().isEmpty()) {
                List<String> keys = keysOf.apply(b.table());
                return keys.isEmpty() ? step : (Step) new BackfillStep(b.description(), b.table(), b.column(),
                        b.valueSql(), b.where(), keys, b.batchSize(), b.pauseMillis(), b.retry());
            }
            return step;
        }).toList();
        return new Plan(changeLabel, preconditions, keyed);
    }
}
