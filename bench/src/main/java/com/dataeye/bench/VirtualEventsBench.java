package com.dataeye.bench;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelResult;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.UrlMatches;
import com.dataeye.analytics.query.VirtualEventScope;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.EventUrls;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendResult;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;

import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Virtual events against the explicit events the simulator's shop sends with them (issue 8: a
 * virtual event may cost at most 2× the explicit one): the add-to-cart button's {@code $WebClick} vs
 * {@code add_to_cart}, the payment page's {@code $pageview} (by glob, contains and regex) vs
 * {@code payment_confirm_view}, in a daily trend and a 4-step funnel (the funnel's page view by path, glob
 * and regex); the URL trends first from nothing remembered, then with their URL matches remembered
 * ({@link UrlMatches}, as the server does), funnels remembered; each pair timed hot in
 * alternation (best of 7 each after a warm-up) in the same run, and the answers compared.
 *
 * <pre>java -Xmx1g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.VirtualEventsBench [events] [dir]</pre>
 */
public final class VirtualEventsBench {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static VirtualEvent virtual(String name, String event, String field, String op, String value) {
        VirtualEventDefinition d = VirtualEventDefinition.parse(Map.of("name", name, "rules", List.of(Map.of("events", List.of(event),
                "conditions", List.of(Map.of("field", field, "op", op, "value", value))))), Set.of());
        return new VirtualEvent(d, 1, Instant.now(), "bench", false);
    }

    private static final VirtualEventScope SCOPE = VirtualEventScope.of(List.of(
            virtual("cart_click", "$WebClick", "element_selector", "equals", "button.btn-add-cart"),
            virtual("pay_page_path", "$pageview", "path", "equals", "/pay/confirm"),
            virtual("pay_page_glob", "$pageview", "url", "glob", "https://shop.lianxiaopu.example/pay/confirm?*"),
            virtual("pay_page_contains", "$pageview", "url", "contains", "/pay/confirm"),
            virtual("pay_page_regex", "$pageview", "url", "regex", "^https://[^/]+/pay/confirm\\?order=")));

    public static void main(String[] args) throws java.sql.SQLException {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Path.of("bench-data/shop-" + events);
        BenchShop.Shop shop = BenchShop.ensure(dir, BenchShop.personsFor(events));
        try (DuckDb db = DuckDb.open(shop.database(), "2GB")) {
            String p = BenchShop.PROJECT;
            QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(5));
            String range = "\"from\":\"" + shop.from() + "\",\"to\":\"" + shop.to() + "\"";
            TrendRunner trend = new TrendRunner(executor);
            FunnelRunner funnel = new FunnelRunner(executor);
            List<String> rows = new ArrayList<>();
            // from nothing remembered: what an analysis costs the first time it names a URL virtual event
            // (or names it in a preview), when the URL condition runs on every distinct URL
            try (var c = db.connect(); var st = c.createStatement()) {
                st.execute("DELETE FROM " + EventUrls.MATCHES);
                st.execute("DELETE FROM " + EventUrls.MATCHED_THROUGH);
            }
            List<String[]> pairs = List.of(new String[] {"add_to_cart", "cart_click"}, new String[] {"payment_confirm_view", "pay_page_path"},
                    new String[] {"payment_confirm_view", "pay_page_glob"}, new String[] {"payment_confirm_view", "pay_page_contains"},
                    new String[] {"payment_confirm_view", "pay_page_regex"});
            for (String[] pair : pairs) {
                trendRow(trend, p, range, pair, pair[1].startsWith("pay_page_") && !pair[1].equals("pay_page_path") ? " (nothing remembered)" : "", rows);
            }
            // as the server does when an analysis names them: their URL matches remembered, then only newer URLs are tested
            UrlMatches matches = new UrlMatches(db);
            long t = System.nanoTime();
            for (String name : List.of("pay_page_glob", "pay_page_contains", "pay_page_regex")) {
                matches.remember(SCOPE.find(name).orElseThrow());
            }
            System.out.printf(Locale.ROOT, "remembering the URL matches of 3 virtual events: %.0f ms%n", (System.nanoTime() - t) / 1e6);
            for (String[] pair : pairs.subList(2, 5)) {
                trendRow(trend, p, range, pair, " (matches remembered)", rows);
            }
            for (String[] pair : List.of(new String[] {"add_to_cart", "cart_click"}, new String[] {"payment_confirm_view", "pay_page_path"},
                    new String[] {"payment_confirm_view", "pay_page_glob"}, new String[] {"payment_confirm_view", "pay_page_regex"})) {
                String explicitSteps = pair[0].equals("add_to_cart") ? steps("add_to_cart", "payment_confirm_view")
                        : steps("add_to_cart", pair[0]);
                String virtualSteps = pair[0].equals("add_to_cart") ? steps("cart_click", "payment_confirm_view")
                        : steps("add_to_cart", pair[1]);
                Supplier<Object> explicit = () -> funnel.run(p, ZONE, FunnelQuery.from(q("{\"steps\":" + explicitSteps
                        + ",\"window\":\"7d\"," + range + "}")));
                Supplier<Object> virtual = () -> funnel.run(p, ZONE, FunnelQuery.from(q("{\"steps\":" + virtualSteps
                        + ",\"window\":\"7d\"," + range + "}")));
                boolean same = persons((FunnelResult) explicit.get()).equals(persons((FunnelResult) virtual.get()));
                rows.add(row("4-step funnel product_view → " + (pair[0].equals("add_to_cart") ? "add_to_cart/cart_click → payment_confirm_view"
                        : "add_to_cart → payment_confirm_view/" + pair[1]) + " → order_paid", explicit, virtual, same));
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%n%,d events, %s … %s; hot, explicit and virtual alternating (best of 7 each after 1 warm-up)%n%n| analysis | explicit ms | virtual ms | × explicit | same answer |%n"
                            + "|---|---|---|---|---|%n", shop.events(), shop.from(), shop.to()));
            rows.forEach(r -> report.append(r).append('\n'));
            System.out.println(report);
        }
    }

    private static void trendRow(TrendRunner trend, String p, String range, String[] pair, String note, List<String> rows) {
        Supplier<Object> explicit = () -> trend.run(p, ZONE, TrendQuery.from(q("{\"event\":\"" + pair[0]
                + "\",\"measure\":{\"type\":\"persons\"}," + range + "}")));
        Supplier<Object> virtual = () -> trend.run(p, ZONE, TrendQuery.from(q("{\"event\":\"" + pair[1]
                + "\",\"measure\":{\"type\":\"persons\"}," + range + "}")));
        boolean same = ((TrendResult) explicit.get()).series().equals(((TrendResult) virtual.get()).series());
        rows.add(row("daily trend, distinct persons: " + pair[0] + " vs " + pair[1] + note, explicit, virtual, same));
    }

    private static String steps(String second, String third) {
        return "[{\"event\":\"product_view\"},{\"event\":\"" + second + "\"},{\"event\":\"" + third + "\"},{\"event\":\"order_paid\"}]";
    }

    private static List<Long> persons(FunnelResult r) {
        return r.groups().get(0).steps().stream().map(FunnelResult.StepResult::persons).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> q(String json) {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        m.put(EventRef.VIRTUAL_EVENTS, SCOPE);
        return m;
    }

    /** Both timed in alternation (best of 7 each after a warm-up), so a burst of load from elsewhere hits both alike. */
    private static String row(String name, Supplier<Object> explicit, Supplier<Object> virtual, boolean same) {
        explicit.get();
        virtual.get();
        double e = Double.MAX_VALUE;
        double v = Double.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            e = Math.min(e, time1(explicit));
            v = Math.min(v, time1(virtual));
        }
        String r = String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %s |", name, e, v, v / e, same ? "yes" : "NO");
        System.out.println(r);
        return r;
    }

    private static double time1(Supplier<Object> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e6;
    }
}
