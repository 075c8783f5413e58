package com.dataeye.bench;

import com.dataeye.analytics.associations.AssociationQuery;
import com.dataeye.analytics.associations.AssociationResult;
import com.dataeye.analytics.associations.AssociationRunner;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.segments.BuiltinSegments;
import com.dataeye.analytics.segments.SegmentEvaluator;
import com.dataeye.analytics.segments.SegmentParser;
import com.dataeye.analytics.segments.SegmentResolver;
import com.dataeye.analytics.store.DuckDb;

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
 * Product associations and segments at the issue's sizes (docs/benchmarks.md): associations over
 * 1,000,000 orders (< 3 s) and segments of 1,000,000 persons (< 2 s), each against the plain scan
 * {@code count(*), count(DISTINCT person_id)} of the same store in the same run.
 *
 * <p>Part 1, "scale": a store of 1,000,000 persons built by DuckDB itself in {@code scale-dir} (once):
 * 1,000,000 orders of 1–3 lines over 500 products (35 % of the buyers of the first 50 also take a
 * planted partner), 3 % refunded, 8,000,000 page views, shares and invites for 5 % of persons: about
 * 11M events. Part 2, optional: the simulator's shop ({@link BenchShop}) in {@code shop-dir}, for the
 * built-in segments and associations on realistic data.
 *
 * <pre>java -Xmx1g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.SegmentsBench scale-dir [shop-dir]</pre>
 */
public final class SegmentsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SCALE = "scale";
    private static final LocalDate FROM = LocalDate.parse("2026-09-01");
    private static final LocalDate TO = LocalDate.parse("2026-11-29");

    public static void main(String[] args) throws Exception {
        Path scaleDir = Path.of(args.length > 0 ? args[0] : "bench-data/segments-scale");
        List<String[]> rows = new ArrayList<>();
        Files.createDirectories(scaleDir);
        Path file = scaleDir.resolve("events.duckdb");
        boolean fresh = !Files.exists(scaleDir.resolve("built"));
        try (DuckDb db = DuckDb.open(file, "2GB")) {
            if (fresh) {
                long t = System.nanoTime();
                System.out.println("building 1,000,000 persons / 1,000,000 orders in " + file + " …");
                build(db);
                Files.writeString(scaleDir.resolve("built"), "ok");
                System.out.printf(Locale.ROOT, "built in %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
            long[] counts = new long[3];
            executor.query("SELECT count(*), count(DISTINCT person_id), count(DISTINCT order_id) FILTER (WHERE event = 'order_paid')"
                    + " FROM resolved_events WHERE project_id = ?", List.of(SCALE), rs -> {
                        counts[0] = rs.getLong(1);
                        counts[1] = rs.getLong(2);
                        counts[2] = rs.getLong(3);
                    });
            String size = String.format(Locale.ROOT, "%,d events, %,d persons, %,d orders", counts[0], counts[1], counts[2]);
            rows.addAll(suite(executor, SCALE, FROM, TO, "product_id", size));
        }
        if (args.length > 1) {
            BenchShop.Shop shop = BenchShop.ensure(Path.of(args[1]), BenchShop.personsFor(10_000_000));
            try (DuckDb db = DuckDb.open(shop.database(), "2GB")) {
                QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
                String size = String.format(Locale.ROOT, "simulated shop: %,d events, %,d persons", shop.events(), shop.persons());
                rows.addAll(suite(executor, BenchShop.PROJECT, shop.from(), shop.to(), "category", size));
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nhot (best of 3 after 1 warm-up); heap max %d MiB; %d cores%n%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors()));
        report.append("| data | analysis | time ms | × baseline | target ms |\n|---|---|---|---|---|\n");
        for (String[] r : rows) {
            report.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        System.out.println(report);
    }

    private static List<String[]> suite(QueryExecutor executor, String project, LocalDate from, LocalDate to, String item, String size) {
        List<String[]> rows = new ArrayList<>();
        double baseline = time(() -> {
            executor.query("SELECT count(*), count(DISTINCT person_id) FROM resolved_events WHERE project_id = ?", List.of(project), rs -> { });
            return null;
        });
        System.out.printf(Locale.ROOT, "%-80s %8.0f ms%n", "baseline: count(*), count(DISTINCT person_id) — " + size, baseline);
        rows.add(new String[] {size, "baseline: count(*), count(DISTINCT person_id)", ms(baseline), "1.0", "—"});
        AssociationRunner associations = new AssociationRunner(executor);
        String range = "\"from\":\"" + from + "\",\"to\":\"" + to + "\"";
        for (String[] a : new String[][] {
            {"associations within orders, pairs and triples, min support 0.01 %", "{\"min_support\":0.0001," + range + "}"},
            {"associations per person (all " + item + "s a person bought), pairs and triples", "{\"scope\":\"person\",\"item\":\"" + item + "\","
                    + "\"min_support\":0.0001," + range + "}"},
            {"associations per person within 30 days, pairs and triples", "{\"scope\":\"person\",\"window_days\":30,\"item\":\"" + item + "\","
                    + "\"min_support\":0.0001," + range + "}"}}) {
            AssociationQuery q = AssociationQuery.from(q(a[1]));
            rows.add(row(size, a[0], baseline, 3000, () -> associations.run(project, ZONE, q)));
            AssociationResult r = associations.run(project, ZONE, q);
            System.out.println("  " + r.transactions() + " transactions; strongest: "
                    + (r.rules().isEmpty() ? "—" : r.rules().get(0).statement()));
        }
        SegmentEvaluator evaluator = new SegmentEvaluator(executor);
        SegmentResolver builtins = id -> BuiltinSegments.find(id).map(b -> new SegmentResolver.Target(id, b.node()));
        for (String id : List.of("whales", "contributors", "observers", "at_risk")) {
            SegmentResolver.Target t = builtins.find(id).orElseThrow();
            rows.add(row(size, "segment size: built-in " + id, baseline, 2000, () -> evaluator.count(project, ZONE, to, t, builtins)));
            System.out.println("  " + id + ": " + evaluator.count(project, ZONE, to, t, builtins) + " persons");
        }
        SegmentResolver.Target custom = new SegmentResolver.Target("custom", SegmentParser.parse(q(
                "{\"and\":[{\"type\":\"event\",\"event\":\"$pageview\",\"count\":{\"op\":\"gte\",\"value\":3},\"period\":{\"last_days\":60}},"
                        + "{\"not\":{\"type\":\"event\",\"event\":\"order_paid\",\"period\":{\"last_days\":30}}},"
                        + "{\"or\":[{\"type\":\"rfm\",\"monetary_top_percent\":20},{\"type\":\"referrals\",\"shares\":{\"op\":\"gte\",\"value\":1}}]}]}"),
                "definition"));
        rows.add(row(size, "segment size: 4 conditions with and/or/not, top 20 % of spenders", baseline, 2000,
                () -> evaluator.count(project, ZONE, to, custom, builtins)));
        long[] n = new long[1];
        rows.add(row(size, "segment members: every person of built-in observers, read out", baseline, 2000, () -> {
            n[0] = 0;
            evaluator.list(project, ZONE, to, builtins.find("observers").orElseThrow(), builtins, 0, 0, p -> n[0]++);
            return n[0];
        }));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> q(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static String[] row(String size, String name, double baseline, int targetMs, Supplier<Object> analysis) {
        double t = time(analysis);
        System.out.printf(Locale.ROOT, "%-80s %8.0f ms%n", name, t);
        return new String[] {size, name, ms(t), String.format(Locale.ROOT, "%.1f", t / baseline), "< " + targetMs};
    }

    private static String ms(double t) {
        return String.format(Locale.ROOT, "%.0f", t);
    }

    private static double time(Supplier<Object> work) {
        work.get();
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            work.get();
            runs[i] = (System.nanoTime() - t) / 1e6;
        }
        return Arrays.stream(runs).min().orElseThrow();
    }

    /** 1M persons, 1M orders with planted pairs, 8M page views, shares and invites: generated by DuckDB. */
    private static void build(DuckDb db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SET threads = 2");
            String start = "TIMESTAMPTZ '2026-09-01 00:00:00+08'";
            String span = String.valueOf(90 * 86400);
            st.execute("""
                    CREATE TEMP TABLE orders AS SELECT o, 'u' || (hash(o) %% 1000000) AS person,
                      %s + to_seconds(CAST(hash(o * 7) %% %s AS BIGINT)) AS t,
                      CAST(hash(o * 13) %% 500 AS INTEGER) AS p1, 1 + CAST(hash(o * 11) %% 100 < 45 AS INTEGER) + CAST(hash(o * 23) %% 100 < 15 AS INTEGER) AS n,
                      hash(o * 17) %% 100 AS r, CAST(hash(o * 19) %% 500 AS INTEGER) AS p2r, CAST(hash(o * 29) %% 500 AS INTEGER) AS p3
                    FROM range(1000000) t(o)""".formatted(start, span));
            // 35 % of orders with one of the first 50 products carry its partner (product + 250)
            st.execute("""
                    INSERT INTO events (event_id, project_id, event, type, person_id, distinct_id, ts, received_at, order_id, product_id, amount, properties)
                    SELECT 'o' || o || '-' || k, 'scale', 'order_paid', 'track', person, person, t + to_seconds(k), t, 'ord' || o,
                           'sku-' || lpad(CAST(prod AS VARCHAR), 3, '0'), 9.9 + (hash(o * 31 + k) %% 190), '{}'
                    FROM (SELECT o, person, t, unnest(list_slice([p1, CASE WHEN p1 < 50 AND r < 35 THEN p1 + 250 ELSE p2r END, p3], 1,
                                 CASE WHEN p1 < 50 AND r < 35 THEN greatest(n, 2) ELSE n END)) AS prod,
                                 generate_subscripts(list_slice([p1, p2r, p3], 1, CASE WHEN p1 < 50 AND r < 35 THEN greatest(n, 2) ELSE n END), 1) AS k
                          FROM orders)""".formatted());
            st.execute("""
                    INSERT INTO events (event_id, project_id, event, type, person_id, distinct_id, ts, received_at, order_id, amount, properties)
                    SELECT 'r' || o, 'scale', 'order_refunded', 'track', person, person, t + INTERVAL 2 DAY, t, 'ord' || o, 20, '{}'
                    FROM orders WHERE hash(o * 37) %% 100 < 3""".formatted());
            st.execute("""
                    INSERT INTO events (event_id, project_id, event, type, person_id, distinct_id, ts, received_at, properties)
                    SELECT 'v' || v, 'scale', '$pageview', 'track', 'u' || (CASE WHEN v < 1000000 THEN v ELSE hash(v) %% 1000000 END),
                           'u' || (CASE WHEN v < 1000000 THEN v ELSE hash(v) %% 1000000 END),
                           %s + to_seconds(CAST(hash(v * 7) %% %s AS BIGINT)), %s, '{}'
                    FROM range(8000000) t(v)""".formatted(start, span, start));
            st.execute("""
                    INSERT INTO events (event_id, project_id, event, type, person_id, distinct_id, ts, received_at, properties)
                    SELECT 's' || v, 'scale', CASE WHEN v %% 5 = 0 THEN 'invite_sent' ELSE 'share' END, 'track', 'u' || (hash(v) %% 50000),
                           'u' || (hash(v) %% 50000), %s + to_seconds(CAST(hash(v * 7) %% %s AS BIGINT)), %s,
                           '{"invite_code":"c' || v || '"}'
                    FROM range(120000) t(v)""".formatted(start, span, start));
            st.execute("CHECKPOINT");
        }
    }
}
