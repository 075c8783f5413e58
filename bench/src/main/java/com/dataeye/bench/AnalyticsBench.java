package com.dataeye.bench;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.paths.PathsQuery;
import com.dataeye.analytics.paths.PathsRunner;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.retention.RetentionQuery;
import com.dataeye.analytics.retention.RetentionRunner;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
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
 * Analysis speed (issue "Operator analytics I", docs/benchmarks.md) on the simulator's shop
 * ({@link BenchShop}, built once per directory and reused): times each analysis hot (best of 5 after a
 * warm-up) against a plain scan {@code count(*), count(DISTINCT person_id)} of the same events in the
 * same run, and prints a table with the ratios and the peak heap.
 *
 * <pre>java -Xmx1g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.AnalyticsBench [events] [dir]</pre>
 */
public final class AnalyticsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Path.of("bench-data/shop-" + events);
        BenchShop.Shop shop = BenchShop.ensure(dir, BenchShop.personsFor(events));
        try (DuckDb db = DuckDb.open(shop.database(), "2GB")) {
            String p = BenchShop.PROJECT;
            QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
            String range = "\"from\":\"" + shop.from() + "\",\"to\":\"" + shop.to() + "\"";
            double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            List<String[]> rows = new ArrayList<>();
            // On a shared machine the load changes within a run: the baseline is timed again right before
            // each analysis, and each ratio is to that adjacent baseline
            Supplier<Object> baseline = () -> {
                executor.query("SELECT count(*), count(DISTINCT person_id) FROM resolved_events WHERE project_id = ?", List.of(p), rs -> { });
                return null;
            };
            Timing first = time(baseline);
            rows.add(new String[] {"baseline: count(*), count(DISTINCT person_id)", ms(first.wall()), ms(first.wall()), "1.0", ms(first.cpu()), "—"});
            TrendRunner trend = new TrendRunner(executor);
            rows.add(row("daily trend of $pageview, distinct persons, breakdown by channel (top 5)", baseline, 500, () ->
                    trend.run(p, ZONE, TrendQuery.from(q("{\"event\":\"$pageview\",\"measure\":{\"type\":\"persons\"},"
                            + "\"breakdown\":{\"property\":\"channel\",\"limit\":5}," + range + "}")))));
            rows.add(row("daily trend of order_paid, sum(amount), breakdown by payment_method (top 5)", baseline, 500, () ->
                    trend.run(p, ZONE, TrendQuery.from(q("{\"event\":\"order_paid\",\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},"
                            + "\"breakdown\":{\"property\":\"payment_method\",\"limit\":5}," + range + "}")))));
            FunnelRunner funnel = new FunnelRunner(executor);
            rows.add(row("4-step funnel product_view → checkout_start → payment_confirm_view → order_paid, 7-day window", baseline, 1000, () ->
                    funnel.run(p, ZONE, FunnelQuery.from(q("{\"steps\":[{\"event\":\"product_view\"},{\"event\":\"checkout_start\"},"
                            + "{\"event\":\"payment_confirm_view\"},{\"event\":\"order_paid\"}],\"window\":\"7d\"," + range + "}")))));
            RetentionRunner retention = new RetentionRunner(executor);
            LocalDate cohortsFrom = shop.from().plusDays(7);
            rows.add(row("30-day daily retention $pageview → $pageview, 30 cohorts", baseline, 1000, () ->
                    retention.run(p, ZONE, RetentionQuery.from(q("{\"initial\":{\"event\":\"$pageview\"},\"return\":{\"event\":\"$pageview\"},"
                            + "\"periods\":30,\"from\":\"" + cohortsFrom + "\",\"to\":\"" + cohortsFrom.plusDays(29) + "\"}")),
                            shop.to().plusDays(1))));
            PathsRunner paths = new PathsRunner(executor);
            rows.add(row("paths of depth 3 after product_view", baseline, 2000, () ->
                    paths.run(p, ZONE, PathsQuery.from(q("{\"start\":{\"event\":\"product_view\"},\"depth\":3," + range + "}")))));
            long peakHeap = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                    peakHeap += pool.getPeakUsage().getUsed();
                }
            }
            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "%n%,d events, %,d simulated persons, %s … %s; hot (best of 5 after 1 warm-up, of 2 for runs over 5 s); "
                    + "heap max %d MiB, peak used %d MiB; 1-minute load average %.1f at the start, %.1f at the end (%d cores)%n%n",
                    shop.events(), shop.persons(), shop.from(), shop.to(), Runtime.getRuntime().maxMemory() >> 20, peakHeap >> 20, loadAtStart,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            report.append("| analysis | time ms | baseline ms (just before) | × baseline | process CPU ms | target ms |\n|---|---|---|---|---|---|\n");
            for (String[] r : rows) {
                report.append("| ").append(String.join(" | ", r)).append(" |\n");
            }
            System.out.println(report);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> q(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static String[] row(String name, Supplier<Object> baseline, int targetMs, Supplier<Object> analysis) {
        Timing b = time(baseline);
        Timing t = time(analysis);
        System.out.printf(Locale.ROOT, "%-80s %8.0f ms (baseline %.0f ms, load %.1f)%n", name, t.wall(), b.wall(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return new String[] {name, ms(t.wall()), ms(b.wall()), String.format(Locale.ROOT, "%.1f", t.wall() / b.wall()), ms(t.cpu()),
                "< " + targetMs};
    }

    /** Best wall time and best CPU time of the process (all DuckDB threads) over the timed runs, in ms. */
    private record Timing(double wall, double cpu) {}

    private static String ms(double t) {
        return String.format(Locale.ROOT, "%.0f", t);
    }

    /** Best of 5 after a warm-up (best of 2 when the warm-up took over 5 s, to keep the run short). */
    private static Timing time(Supplier<Object> work) {
        long w = System.nanoTime();
        work.get();
        double[] runs = new double[(System.nanoTime() - w) > 5e9 ? 2 : 5];
        double[] cpu = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            long c = processCpuNanos();
            long t = System.nanoTime();
            work.get();
            runs[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (processCpuNanos() - c) / 1e6;
        }
        return new Timing(Arrays.stream(runs).min().orElseThrow(), Arrays.stream(cpu).min().orElseThrow());
    }

    /** CPU time of the whole process, DuckDB's native threads included; -1 when the JVM cannot tell. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
