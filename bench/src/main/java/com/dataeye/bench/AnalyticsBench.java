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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
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
 * Analysis speed (issue "Operator analytics I", docs/benchmarks.md): builds a shop of N events and
 * N/10 persons over 90 days directly in a DuckDB file (a purchase path with drop-offs, channels,
 * payment methods, amounts, some logins merging devices), then times each analysis hot against a
 * plain scan {@code count(*), count(DISTINCT person_id)} of the same events in the same run.
 *
 * <pre>java -Xmx1g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.AnalyticsBench [events] [dir]</pre>
 */
public final class AnalyticsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("dataeye-analytics-bench-");
        Path file = dir.resolve("events.duckdb");
        boolean fresh = !Files.exists(file);
        try (DuckDb db = DuckDb.open(file, "2GB")) {
            if (fresh) {
                long t = System.nanoTime();
                System.out.printf("building %,d events for %,d persons in %s …%n", events, events / 10, file);
                build(db, events);
                System.out.printf("built in %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
            String range = "\"from\":\"2026-09-01\",\"to\":\"2026-11-29\"";
            List<String[]> rows = new ArrayList<>();
            double baseline = time(() -> {
                executor.query("SELECT count(*), count(DISTINCT person_id) FROM resolved_events WHERE project_id = ?", List.of("bench"), rs -> { });
                return null;
            });
            rows.add(new String[] {"baseline: count(*), count(DISTINCT person_id)", ms(baseline), "1.0", "—"});
            TrendRunner trend = new TrendRunner(executor);
            rows.add(row("daily trend of order_paid, sum(amount), breakdown by payment_method (top 5)", baseline, 500, () ->
                    trend.run("bench", ZONE, TrendQuery.from(q("{\"event\":\"order_paid\",\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},"
                            + "\"breakdown\":{\"property\":\"payment_method\",\"limit\":5}," + range + "}")))));
            FunnelRunner funnel = new FunnelRunner(executor);
            rows.add(row("4-step funnel view → cart → confirm → paid, 7-day window", baseline, 1000, () ->
                    funnel.run("bench", ZONE, FunnelQuery.from(q("{\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},"
                            + "{\"event\":\"payment_confirm_view\"},{\"event\":\"order_paid\"}],\"window\":\"7d\"," + range + "}")))));
            RetentionRunner retention = new RetentionRunner(executor);
            rows.add(row("30-day daily retention, product_view → order_paid, 30 cohorts", baseline, 1000, () ->
                    retention.run("bench", ZONE, RetentionQuery.from(q("{\"initial\":{\"event\":\"product_view\"},\"return\":{\"event\":\"order_paid\"},"
                            + "\"periods\":30,\"from\":\"2026-10-01\",\"to\":\"2026-10-30\"}")), LocalDate.parse("2026-12-31"))));
            PathsRunner paths = new PathsRunner(executor);
            rows.add(row("paths of depth 3 after product_view", baseline, 2000, () ->
                    paths.run("bench", ZONE, PathsQuery.from(q("{\"start\":{\"event\":\"product_view\"},\"depth\":3," + range + "}")))));
            StringBuilder report = new StringBuilder();
            report.append(String.format(Locale.ROOT, "%n%,d events, %,d persons, 90 days; hot (best of 5 after 1 warm-up); heap max %d MiB%n%n",
                    events, events / 10, Runtime.getRuntime().maxMemory() >> 20));
            report.append("| analysis | time ms | × baseline | target ms |\n|---|---|---|---|\n");
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

    private static String[] row(String name, double baseline, int targetMs, Supplier<Object> analysis) {
        double t = time(analysis);
        System.out.printf(Locale.ROOT, "%-80s %8.0f ms%n", name, t);
        return new String[] {name, ms(t), String.format(Locale.ROOT, "%.1f", t / baseline), "< " + targetMs};
    }

    private static String ms(double t) {
        return String.format(Locale.ROOT, "%.0f", t);
    }

    private static double time(Supplier<Object> work) {
        work.get();
        double[] runs = new double[5];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            work.get();
            runs[i] = (System.nanoTime() - t) / 1e6;
        }
        return Arrays.stream(runs).min().orElseThrow();
    }

    /**
     * Sessions of a shop's purchase path, generated by DuckDB itself: each row of {@code range(N/5)} is a
     * visit of one of N/10 persons on one of 90 days, with up to 5 events (view; cart for 40%; confirm for
     * 60% of those; paid for 55% of confirms, more with WeChat Pay; and a page view otherwise).
     */
    private static void build(DuckDb db, long events) throws Exception {
        long persons = events / 10;
        long visits = events / 5;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET threads = 2");
            st.execute("""
                    CREATE TEMP TABLE visits AS SELECT v,
                      'p' || (hash(v) %% %d) AS person,
                      TIMESTAMPTZ '2026-09-01 00:00:00+08' + to_seconds(CAST(hash(v * 7) %% (90 * 86400) AS BIGINT)) AS t0,
                      (hash(v * 13) %% 100) AS r1, (hash(v * 17) %% 100) AS r2, (hash(v * 19) %% 100) AS r3,
                      ['wechat_pay', 'alipay', 'bank_card'][1 + CAST(hash(v * 23) %% 3 AS INTEGER)] AS pay,
                      ['community', 'short_video', 'wechat', 'search', 'direct'][1 + CAST(hash(v * 29) %% 5 AS INTEGER)] AS channel,
                      'lut-' || (hash(v * 31) %% 300) AS product
                    FROM range(%d) t(v)""".formatted(persons, visits));
            st.execute("""
                    INSERT INTO events (event_id, project_id, event, type, person_id, distinct_id, ts, received_at, channel, product_id,
                                        amount, properties)
                    SELECT 'b' || v || '-' || k, 'bench', e, 'track', person, person, t0 + to_seconds(k * 40), t0, channel, product,
                           CASE WHEN e = 'order_paid' THEN 9.9 + (hash(v) % 200) END,
                           '{"payment_method":"' || pay || '"}'
                    FROM visits, LATERAL (SELECT * FROM (VALUES
                        (0, 'product_view'),
                        (1, CASE WHEN r1 < 40 THEN 'add_to_cart' ELSE '$pageview' END),
                        (2, CASE WHEN r1 < 40 AND r2 < 60 THEN 'payment_confirm_view' ELSE '$pageview' END),
                        (3, CASE WHEN r1 < 40 AND r2 < 60 AND r3 < (CASE WHEN pay = 'wechat_pay' THEN 75 ELSE 45 END) THEN 'order_paid' ELSE '$WebClick' END),
                        (4, '$pageview')) s(k, e))""");
            st.execute("CHECKPOINT");
        }
    }
}
