package liquibase.ext.online.examples.bench;

import java.util.ArrayList;
import java.util.List;

import liquibase.ext.online.examples.app.Sample;
import liquibase.ext.online.examples.migration.ChangeSetTiming;
import liquibase.ext.online.examples.migration.StepMark;

/**
 * What happened over one migration, in seconds since its first changeset started: for each time slot, the
 * longest any application transaction had been waiting by the end of that slot (a stall shows as a ramp that
 * grows for as long as the stall lasts), and the marks of changesets and online steps.
 *
 * @param slotStarts   start of each slot, seconds
 * @param waitMillis   the longest a transaction running in that slot had been running, ms
 * @param marks        changeset starts and online steps, seconds and a short label
 * @param endSeconds   when the last changeset ended
 */
record Timeline(List<Double> slotStarts, List<Double> waitMillis, List<Mark> marks, double endSeconds) {

    /** Slots short enough to show a one-second stall, long enough to keep the chart readable. */
    static final double SLOT_SECONDS = 0.1;
    /** Application time shown before and after the migration, as the baseline. */
    static final double BEFORE_SECONDS = 2;

    record Mark(double seconds, String label) {
    }

    static Timeline of(long startNanos, long endNanos, List<Sample> samples, List<ChangeSetTiming> changeSets,
                       List<StepMark> steps) {
        double end = seconds(startNanos, endNanos);
        int first = (int) Math.floor(-BEFORE_SECONDS / SLOT_SECONDS);
        int slots = (int) Math.ceil((end + BEFORE_SECONDS) / SLOT_SECONDS) - first + 1;
        double[] wait = new double[slots];
        for (Sample s : samples) {
            double from = seconds(startNanos, s.startNanos());
            double to = from + s.latencyNanos() / 1e9;
            int k0 = Math.max((int) Math.floor(from / SLOT_SECONDS) - first, 0);
            int k1 = Math.min((int) Math.floor(to / SLOT_SECONDS) - first, slots - 1);
            for (int k = k0; k <= k1; k++) {
                double slotEnd = (k + first + 1) * SLOT_SECONDS;
                wait[k] = Math.max(wait[k], (Math.min(slotEnd, to) - from) * 1000);
            }
        }
        List<Double> starts = new ArrayList<>();
        List<Double> waits = new ArrayList<>();
        for (int k = 0; k < slots; k++) {
            if (wait[k] > 0) {
                starts.add((k + first) * SLOT_SECONDS);
                waits.add(wait[k]);
            }
        }
        List<Mark> marks = new ArrayList<>();
        for (ChangeSetTiming c : changeSets) {
            marks.add(new Mark(seconds(startNanos, c.startNanos()), "changeset " + c.id()));
        }
        for (StepMark m : steps) {
            String step = onlineStep(m.text());
            if (step != null) {
                marks.add(new Mark(seconds(startNanos, m.nanos()), step));
            }
        }
        return new Timeline(starts, waits, marks, end);
    }

    /** liquibase-online prints "<change> in changeset <id>: <step>"; progress and retry lines are not steps. */
    private static String onlineStep(String message) {
        int at = message.indexOf(" in changeset ");
        int colon = at < 0 ? -1 : message.indexOf(": ", at);
        if (colon < 0) {
            return null;
        }
        String step = message.substring(colon + 2);
        if (step.contains("did not get its lock") || step.contains("rows walked") || step.startsWith("done,")
                || step.contains("already done, skipped")) {
            return null;
        }
        return step.length() > 60 ? step.substring(0, 57) + "..." : step;
    }

    private static double seconds(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }
}
