package liquibase.ext.online.plan;

import java.util.List;

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
}
