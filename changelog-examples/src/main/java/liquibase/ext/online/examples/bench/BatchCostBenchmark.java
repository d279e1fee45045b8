package liquibase.ext.online.examples.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import liquibase.ext.online.examples.db.DatabaseServer;
import liquibase.ext.online.examples.db.JdbcTarget;
import liquibase.ext.online.examples.db.Options;
import liquibase.ext.online.examples.migration.ChangeSetTimer;
import liquibase.ext.online.examples.migration.ChangeSetTiming;
import liquibase.ext.online.examples.migration.LiquibaseLogging;
import liquibase.ext.online.examples.migration.LiquibaseUpdate;
import liquibase.ext.online.examples.migration.StepMark;
import liquibase.ext.online.examples.migration.StepRecorder;

/**
 * What batching costs, and what adaptive batches do to the application:
 * {@code mvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests
 * -Dbenchmark.main=liquibase.ext.online.examples.bench.BatchCostBenchmark -Dbenchmark.args="--rows 1000000"}.
 * <p>
 * Part 1, no application running: the backfill of {@code orders.status} on N and 4N rows, each on a freshly
 * loaded, vacuumed table after a CHECKPOINT, four ways through the real Liquibase {@code update}: the stock
 * {@code update} change (one UPDATE), {@code backfillInBatches} with batchSize 10000, {@code backfillInBatches}
 * adaptive (no batchSize), and a plain keyset loop in a DO block for reference. Liquibase runs in-process; the
 * time is the changeset's own, from Liquibase's willRun to its ran event, so Liquibase's start-up, changelog lock
 * and history table are not in it. The ratios are to the single UPDATE of the same size. The progress line
 * comes every 100 ms here, and the first at 50 % or more gives the time-left accuracy: the end it predicts
 * against the end of the walk, as a share of the time that was actually left.
 * <p>
 * Part 2, with the application running ({@code --threads}, 4 by default; 0 skips it; {@code --repeat} times,
 * the ways taking turns): the backfill on N rows in
 * batches of 10,000 (the default before batches sized themselves) against adaptive batches, as in
 * {@link Benchmark}: migration time and the application's latency; on the narrow table, then with three more
 * indexes, where a batch of 10,000 rows takes longer than the adaptive target.
 */
public final class BatchCostBenchmark {

    private static final long DEFAULT_ROWS = 1_000_000;
    private static final String ADD_STATUS = "ALTER TABLE \"orders\" ADD COLUMN \"status\" varchar(20)";
    private static final OrdersScenario TABLE = OrdersScenario.of("batch-cost", ADD_STATUS);
    private static final OrdersScenario UNDER_LOAD =
            new OrdersScenario("batching-app", "batching-app", 1, List.of(ADD_STATUS), List.of());
    /** The same table with three more indexes: every row a batch changes costs four index entries, not one. */
    private static final OrdersScenario UNDER_LOAD_INDEXED = new OrdersScenario("batching-app-indexed",
            "batching-app", 1, List.of(ADD_STATUS, "CREATE INDEX ON \"orders\" (\"user_id\")",
            "CREATE INDEX ON \"orders\" (\"created_at\")", "CREATE INDEX ON \"orders\" (\"total_amount\")"),
            List.of());
    private static final Pattern HALF = Pattern.compile("\\((\\d+)%\\).*about (?:(\\d+)m)?([\\d.]+)s left");

    private enum Way {
        SINGLE("single UPDATE (stock update)", "bench/batch-cost/single.xml"),
        FIXED("backfillInBatches, batchSize 10000", "bench/batch-cost/fixed.xml"),
        ADAPTIVE("backfillInBatches, adaptive", "bench/batch-cost/adaptive.xml"),
        DO_BLOCK("DO-block keyset loop, 10000 (reference)", "bench/batch-cost/do-block.xml");

        final String label;
        final String changelog;

        Way(String label, String changelog) {
            this.label = label;
            this.changelog = changelog;
        }
    }

    /**
     * One timed backfill; {@code walBytes} is the WAL the whole update wrote, {@code halfway} the time-left line's
     * error, NaN when there was none.
     */
    private record Timed(double seconds, double load, long walBytes, String halfway, double halfwayError) {
    }

    private BatchCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int repeat = 1;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf("--repeat");
        if (at >= 0 && at + 1 < rest.size()) {
            repeat = Integer.parseInt(rest.get(at + 1));
            rest.subList(at, at + 2).clear();
        }
        String part = "all";
        at = rest.indexOf("--part");
        if (at >= 0 && at + 1 < rest.size()) {
            part = rest.get(at + 1);
            rest.subList(at, at + 2).clear();
        }
        Options options = Options.parseOrExit(rest.toArray(String[]::new), DEFAULT_ROWS,
                "  [--repeat K]  [--part all|cost|app]");
        LiquibaseLogging.warningsOnly();
        try (DatabaseServer server = options.startServer()) {
            MachineFacts facts = MachineFacts.collect(server.admin(), server.description());
            BenchmarkRun run = new BenchmarkRun(server, options.rows(), options.threads(), System.err);
            run.warmUpLiquibase();
            long[] sizes = {options.rows(), 4 * options.rows()};
            Timed[][] part1 = new Timed[sizes.length][Way.values().length];
            System.setProperty("liquibase.online.progressInterval", "100ms");
            for (int s = 0; s < sizes.length && !part.equals("app"); s++) {
                for (int k = 0; k < repeat; k++) {
                    for (Way way : Way.values()) {
                        Timed t = timed(server, way, sizes[s]);
                        Timed best = part1[s][way.ordinal()];
                        if (best == null || t.seconds() < best.seconds()) {
                            part1[s][way.ordinal()] = t;
                        }
                    }
                }
            }
            System.clearProperty("liquibase.online.progressInterval");
            // runs by table and way, each in the order run; the ways take turns so drift hits both alike
            Map<String, List<BenchmarkResult>> part2 = new LinkedHashMap<>();
            for (int k = 0; k < repeat && options.threads() > 0 && !part.equals("cost"); k++) {
                for (OrdersScenario scenario : List.of(UNDER_LOAD, UNDER_LOAD_INDEXED)) {
                    for (Variant variant : List.of(Variant.STOCK, Variant.ONLINE)) {
                        part2.computeIfAbsent(scenario.name() + "/" + variant, key -> new ArrayList<>())
                                .add(run.run(scenario, variant));
                    }
                }
            }
            String report = report(facts, String.join(" ", args), sizes, repeat,
                    part.equals("app") ? null : part1, options.threads(), part2);
            System.out.print(report);
            if (options.report() != null) {
                Path file = Path.of(options.report(), "benchmarks-batching.md");
                Files.writeString(file, report);
                System.err.println("report written to " + file);
            }
        }
    }

    private static Timed timed(DatabaseServer server, Way way, long rows) throws Exception {
        String database = "bench_cost_" + way.name().toLowerCase(Locale.ROOT);
        JdbcTarget target = server.freshDatabase(database);
        try {
            System.err.printf(Locale.ROOT, "== %s, %,d rows: loading%n", way.label, rows);
            try (Connection c = target.connect(); Statement st = c.createStatement()) {
                TABLE.prepare(c, rows);
                c.setAutoCommit(true);
                st.execute("VACUUM ANALYZE \"orders\"");
                st.execute("CHECKPOINT");
            }
            double load = MachineFacts.loadAverage();
            String walBefore = walPosition(target);
            StepRecorder steps = new StepRecorder(new PrintStream(OutputStream.nullOutputStream()));
            ChangeSetTimer timer = new ChangeSetTimer(event -> { });
            LiquibaseUpdate.run(target, way.changelog, timer, steps);
            ChangeSetTiming changeSet = timer.finished().get(0);
            long walBytes = walSince(target, walBefore);
            double seconds = changeSet.duration().toNanos() / 1e9;
            String halfway = "";
            double error = Double.NaN;
            for (StepMark mark : steps.marks()) {
                Matcher m = HALF.matcher(mark.text());
                if (m.find() && Integer.parseInt(m.group(1)) >= 50) {
                    double left = (m.group(2) == null ? 0 : 60 * Integer.parseInt(m.group(2)))
                            + Double.parseDouble(m.group(3));
                    double actual = (walkEnd(steps.marks(), changeSet) - mark.nanos()) / 1e9;
                    error = (left - actual) / actual;
                    halfway = String.format(Locale.ROOT, "at %s%%: %.1f s left predicted, %.1f s actual",
                            m.group(1), left, actual);
                    break;
                }
            }
            long walkStart = steps.marks().stream().filter(m -> m.text().contains(": walking keys"))
                    .mapToLong(StepMark::nanos).findFirst().orElse(changeSet.startNanos());
            System.err.printf(Locale.ROOT, "   %.2f s (load %.2f; before the walk %.3f s, walk %.3f s; WAL %.0f MB) %s%n",
                    seconds, load, (walkStart - changeSet.startNanos()) / 1e9,
                    (walkEnd(steps.marks(), changeSet) - walkStart) / 1e9, walBytes / 1e6, halfway);
            return new Timed(seconds, load, walBytes, halfway, error);
        } finally {
            server.dropDatabase(database);
        }
    }

    private static String walPosition(JdbcTarget target) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** WAL bytes written since {@code before}, by anyone: nothing else writes while a way is timed. */
    private static long walSince(JdbcTarget target, String before) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '" + before
                     + "')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the walk ended: its summary line, else the changeset's end. */
    private static long walkEnd(List<StepMark> marks, ChangeSetTiming changeSet) {
        return marks.stream().filter(m -> m.text().contains(": done, ")).mapToLong(StepMark::nanos).findFirst()
                .orElse(changeSet.endNanos());
    }

    private static String report(MachineFacts facts, String arguments, long[] sizes, int repeat, Timed[][] part1,
                                 int threads, Map<String, List<BenchmarkResult>> part2) {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark: what batching costs\n\n");
        s.append(String.format(Locale.ROOT, "Written by `BatchCostBenchmark %s` on %s (%d cores, %s, %s, PostgreSQL %s"
                        + " %s; %s).%n%n", arguments, facts.date(), facts.cores(), facts.os(), facts.java(),
                facts.serverVersion(), facts.server(), facts.settings()));
        s.append("```sh\nmvn -B -pl changelog-examples -am verify -Pbenchmark -DskipTests \\\n"
                + "    -Dbenchmark.main=liquibase.ext.online.examples.bench.BatchCostBenchmark \\\n"
                + "    -Dbenchmark.args=\"" + arguments + "\"\n```\n\n");
        if (part1 != null) {
            noApplication(s, sizes, repeat, part1);
        }
        withApplication(s, threads, part2);
        return s.toString();
    }

    private static void noApplication(StringBuilder s, long[] sizes, int repeat, Timed[][] part1) {
        s.append(String.format(Locale.ROOT, """
                ## No application running

                The backfill of `orders.status` (every row NULL), each way on a freshly loaded and vacuumed table \
                after a CHECKPOINT, through Liquibase's `update` in-process. The time is the changeset's own (from \
                Liquibase's willRun to its ran event: Liquibase's start-up, changelog lock and history table are \
                not in it)%s; the ratio is to the single UPDATE of the same size. *WAL* is what the whole \
                update wrote: every way rewrites every row, so every way writes about the same, and on a \
                machine where writing WAL is most of the time, no way of batching can be much cheaper than the \
                single UPDATE. *Load* is the machine's 1-minute load average when the backfill started: above 1.5 \
                on 2 cores, figures are noisy.

                """, repeat > 1 ? ", the best of " + repeat + " runs" : ""));
        s.append("| way |");
        for (long rows : sizes) {
            s.append(String.format(Locale.ROOT, " %,d rows s | ratio | WAL MB | load |", rows));
        }
        s.append("\n|---|").append("---:|---:|---:|---:|".repeat(sizes.length)).append('\n');
        for (Way way : Way.values()) {
            s.append("| ").append(way.label).append(" |");
            for (int i = 0; i < sizes.length; i++) {
                Timed t = part1[i][way.ordinal()];
                s.append(String.format(Locale.ROOT, " %.2f | %.2fx | %,.0f | %.2f |", t.seconds(),
                        t.seconds() / part1[i][Way.SINGLE.ordinal()].seconds(), t.walBytes() / 1e6, t.load()));
            }
            s.append('\n');
        }
        s.append("\nTime left on the first progress line at 50 % or more (lines every 100 ms here), against the "
                + "walk's real end; the error is a share of the time that was actually left:\n\n");
        s.append("| way | rows | line | error |\n|---|---:|---|---:|\n");
        for (Way way : List.of(Way.FIXED, Way.ADAPTIVE)) {
            for (int i = 0; i < sizes.length; i++) {
                Timed t = part1[i][way.ordinal()];
                s.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s |%n", way.label, sizes[i],
                        t.halfway().isEmpty() ? "(no line at 50 % or more)" : t.halfway(),
                        Double.isNaN(t.halfwayError()) ? "" : String.format(Locale.ROOT, "%+.0f %%",
                                100 * t.halfwayError())));
            }
        }
    }

    private static void withApplication(StringBuilder s, int threads, Map<String, List<BenchmarkResult>> part2) {
        if (part2.isEmpty()) {
            return;
        }
        List<BenchmarkResult> first = part2.values().iterator().next();
        s.append(String.format(Locale.ROOT, """

                ## With the application running

                %d application threads (INSERT + UPDATE of a random loaded row + SELECT by id per transaction, as \
                in [Benchmark](benchmarks.md)) while the backfill runs on %,d rows: in batches of 10,000, the \
                default before batches sized themselves, and adaptive, aiming at `liquibase.online.batchTime` = \
                %s. Twice: on the narrow table above, and on the same table with three more indexes (every \
                changed row then writes four index entries, so a batch of 10,000 takes longer). The \
                application's figures cover the transactions that started during the backfill; a transaction \
                that updates a row of the running batch waits for the batch's commit, so the worst wait is about \
                one batch's duration. Each way ran %d time(s), the ways taking turns; the row is the run with the \
                median migration time, and the last column has the worst transaction of every run, as one \
                worst sample is noisy.

                | table | batches | migration s | app tx | p50 ms | p99 ms | worst ms | failed | load | worst ms, each run |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---|
                """, threads, first.get(0).rows(),
                System.getProperty("liquibase.online.batchTime", "100ms (the default)"), first.size()));
        Map<String, BenchmarkResult> medians = new LinkedHashMap<>();
        part2.forEach((key, runs) -> medians.put(key, median(runs)));
        part2.forEach((key, runs) -> {
            BenchmarkResult r = medians.get(key);
            s.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %,d | %.1f | %.1f | %.1f | %d | %.2f | %s |%n",
                    tableLabel(r), r.variant() == Variant.STOCK ? "batchSize 10000" : "adaptive",
                    r.migration().toNanos() / 1e9, r.app().transactions(), ms(r.app().p50()),
                    ms(r.app().p99()), ms(r.app().worst()), r.app().failures(), r.loadAverage(),
                    runs.stream().map(x -> String.format(Locale.ROOT, "%.1f", ms(x.app().worst())))
                            .collect(Collectors.joining(" / "))));
        });
        s.append('\n');
        for (OrdersScenario scenario : List.of(UNDER_LOAD, UNDER_LOAD_INDEXED)) {
            List<BenchmarkResult> fixed = part2.get(scenario.name() + "/" + Variant.STOCK);
            List<BenchmarkResult> adaptive = part2.get(scenario.name() + "/" + Variant.ONLINE);
            if (fixed == null || adaptive == null) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "%s: adaptive took %.2fx the time of batches of 10,000 (medians); "
                            + "the application's worst transaction over all runs took %.1f ms instead of %.1f ms.%n",
                    capitalized(tableLabel(fixed.get(0))), medians.get(scenario.name() + "/" + Variant.ONLINE).migration().toNanos()
                            / (double) medians.get(scenario.name() + "/" + Variant.STOCK).migration().toNanos(),
                    worst(adaptive), worst(fixed)));
        }
    }

    private static String tableLabel(BenchmarkResult r) {
        return r.scenario().equals(UNDER_LOAD.name()) ? "primary key only" : "4 indexes";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static BenchmarkResult median(List<BenchmarkResult> runs) {
        List<BenchmarkResult> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(BenchmarkResult::migration));
        return sorted.get(sorted.size() / 2);
    }

    private static double worst(List<BenchmarkResult> runs) {
        return runs.stream().mapToDouble(r -> ms(r.app().worst())).max().orElse(Double.NaN);
    }

    private static double ms(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }
}
