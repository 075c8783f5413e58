package com.dataeye.bench;

import com.dataeye.analytics.channels.AttributionQuery;
import com.dataeye.analytics.channels.AttributionRunner;
import com.dataeye.analytics.channels.LtvQuery;
import com.dataeye.analytics.channels.LtvRunner;
import com.dataeye.analytics.nps.NpsQuery;
import com.dataeye.analytics.nps.NpsRunner;
import com.dataeye.analytics.overview.OverviewRestore;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.realtime.Overview;
import com.dataeye.simulator.SimulationConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Channel analyses speed (issue 5, docs/benchmarks.md): LTV by acquisition channel, attribution and
 * NPS over a simulated shop (the simulator's default truths, 90 days from 2026-08-26) in a DuckDB
 * store, hot (best of 5 after a warm-up), against the plain scan {@code count(*), count(DISTINCT
 * person_id)} in the same run. The store is built once in {@code dir} through the collector's core
 * pipeline (about 21 events a person: 476,000 persons ≈ 10 M events) and reused on later runs.
 *
 * <pre>java -Xmx2g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.ChannelsBench DIR [persons] [project]</pre>
 *
 * <p>DIR may also be a {@link BenchShop} directory (e.g. AnalyticsBench's /tmp/shop10m): its shop is used as it is.
 */
public final class ChannelsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("dataeye-channels-bench-");
        boolean benchShop = Files.exists(dir.resolve("bench-shop.properties"));
        // a BenchShop directory (AnalyticsBench, SegmentsBench): its shop as it is
        int persons = benchShop ? (int) BenchShop.ensure(dir, shopPersons(dir)).persons() : args.length > 1 ? Integer.parseInt(args[1]) : 476_000;
        String project = benchShop ? BenchShop.PROJECT : args.length > 2 ? args[2] : "sim";
        Files.createDirectories(dir);
        Path file = dir.resolve("events.duckdb");
        SimulationConfig config = benchShop ? SimulationConfig.defaults().withSeed(BenchShop.SEED).withPersons(persons)
                : SimulationConfig.defaults().withPersons(persons);
        boolean fresh = !Files.exists(file);
        try (DuckDb db = DuckDb.open(file, "2GB")) {
            if (fresh) {
                long t = System.nanoTime();
                System.out.printf("simulating %,d persons into %s …%n", persons, file);
                SimulatedStore.build(db, config, project);
                db.checkpoint();
                System.out.printf("built in %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
            long[] size = new long[2];
            executor.query("SELECT count(*), count(DISTINCT person_id) FROM resolved_events WHERE project_id = ?", List.of(project),
                    rs -> { size[0] = rs.getLong(1); size[1] = rs.getLong(2); });
            String from = config.startDate().toString();
            String to = config.endDate().toString();
            LocalDate asOf = config.endDate().plusDays(1);
            List<String[]> rows = new ArrayList<>();
            double baseline = time(() -> {
                executor.query("SELECT count(*), count(DISTINCT person_id) FROM resolved_events WHERE project_id = ?", List.of(project), rs -> { });
                return null;
            });
            rows.add(new String[] {"baseline: count(*), count(DISTINCT person_id)", ms(baseline), "1.0", "—"});
            LtvRunner ltv = new LtvRunner(executor);
            rows.add(row("LTV by channel, day 7/30/90 and 90-day curves", baseline, "< 1000", () ->
                    ltv.run(project, ZONE, LtvQuery.from(Map.of("from", from, "to", to, "as_of", asOf.toString()), asOf), Map.of())));
            rows.add(row("LTV by channel and weekly cohort", baseline, "—", () ->
                    ltv.run(project, ZONE, LtvQuery.from(Map.of("from", from, "to", to, "as_of", asOf.toString(), "cohort", "week"), asOf), Map.of())));
            AttributionRunner attribution = new AttributionRunner(executor);
            for (String by : new String[] {"channel", "source"}) { // by channel (the default) reads far fewer columns than by source
                for (String model : new String[] {"first_touch", "last_touch", "linear"}) {
                    rows.add(row("attribution " + model + " by " + by + " (best of 2)", baseline, "—", 2, () ->
                            attribution.run(project, ZONE, AttributionQuery.from(Map.of("from", from, "to", to, "model", model, "by", by)))));
                }
            }
            NpsRunner nps = new NpsRunner(executor);
            rows.add(row("NPS by channel", baseline, "—", () ->
                    nps.run(project, ZONE, NpsQuery.from(Map.of("from", from, "to", to, "by", "channel")))));
            // a restart: the real-time overview rebuilt from the store (first events of all persons, then 36 days folded in);
            // -Dchannels.overview=false leaves it out (it is not a channel analysis and takes the longest)
            Clock asOfClock = Clock.fixed(asOf.atStartOfDay(ZONE).toInstant(), ZONE);
            if (Boolean.parseBoolean(System.getProperty("channels.overview", "true"))) {
                rows.add(row("real-time overview rebuilt from the store (restart, best of 2)", baseline, "—", 2, () -> {
                    Overview overview = new Overview(asOfClock, p -> ZONE);
                    return OverviewRestore.restore(db, overview, asOfClock.instant().minus(Duration.ofDays(36)));
                }));
            }
            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "%n%,d events, %,d persons, 90 days (simulator, %,d planned persons); hot (best of 5 "
                    + "after 1 warm-up unless stated); heap max %d MiB; %d cores%n%n", size[0], size[1], persons, Runtime.getRuntime().maxMemory() >> 20,
                    Runtime.getRuntime().availableProcessors()));
            report.append("| analysis | time ms | × baseline | target ms |\n|---|---|---|---|\n");
            for (String[] r : rows) {
                report.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            System.out.println(report);
        }
    }

    /** The persons a BenchShop directory was built for, from its marker file. */
    private static int shopPersons(Path dir) throws java.io.IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(dir.resolve("bench-shop.properties"))) {
            p.load(in);
        }
        return Integer.parseInt(p.getProperty("persons"));
    }

    private static String[] row(String name, double baseline, String target, Supplier<Object> analysis) {
        return row(name, baseline, target, 5, analysis);
    }

    private static String[] row(String name, double baseline, String target, int runs, Supplier<Object> analysis) {
        double t = time(analysis, runs);
        System.out.printf(Locale.ROOT, "%-60s %8.0f ms%n", name, t);
        return new String[] {name, ms(t), String.format(Locale.ROOT, "%.1f", t / baseline), target};
    }

    private static String ms(double t) {
        return String.format(Locale.ROOT, "%.0f", t);
    }

    private static double time(Supplier<Object> work) {
        return time(work, 5);
    }

    private static double time(Supplier<Object> work, int count) {
        work.get();
        double[] runs = new double[count];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            work.get();
            runs[i] = (System.nanoTime() - t) / 1e6;
        }
        return Arrays.stream(runs).min().orElseThrow();
    }
}
