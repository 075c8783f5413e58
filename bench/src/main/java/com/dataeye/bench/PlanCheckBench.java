package com.dataeye.bench;

import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.core.autocapture.AutocaptureRules;
import com.dataeye.core.autocapture.AutocaptureSettings;
import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestLimits;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.plan.CompiledPlan;
import com.dataeye.core.plan.EventSpec;
import com.dataeye.core.plan.PlanSource;
import com.dataeye.core.plan.PlanStatus;
import com.dataeye.core.plan.PropertySpec;
import com.dataeye.core.plan.PropertyType;
import com.dataeye.core.plan.TrackingPlan;
import com.dataeye.core.plan.UnknownPolicy;
import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tracking plan costs the collector per event (issue 8, docs/benchmarks.md): the core
 * ingest pipeline's {@code prepare} on the same batches of typical shop events without a plan
 * (baseline) and with a plan of 120 events that checks every property, quarantines unknowns and
 * checks autocapture URLs against allow/deny lists (nothing is dropped, so both do the same work after the check); plus {@link CompiledPlan#check} alone. Rounds alternate so a busy machine
 * hurts both alike, and the thread's CPU time is measured; the table shows the median round.
 *
 * <pre>java -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.PlanCheckBench [rounds]</pre>
 */
public final class PlanCheckBench {

    private static final Project SHOP = new Project("shop", "Shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
    private static final int BATCH = 50;
    // CPU time of this thread, not wall time: on a machine shared with other builds, waiting for a core is not our cost
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int BATCHES_PER_ROUND = 2_000;

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        CompiledPlan plan = plan();
        IngestPipeline bare = pipeline(PlanSource.NONE);
        IngestPipeline planned = pipeline(id -> plan);
        List<Long> bareNs = new ArrayList<>();
        List<Long> plannedNs = new ArrayList<>();
        List<Long> checkNs = new ArrayList<>();
        long seq = 0;
        for (int r = 0; r < rounds + 3; r++) {
            long a = time(bare, seq);
            seq += BATCHES_PER_ROUND;
            long b = time(planned, seq);
            seq += BATCHES_PER_ROUND;
            long c = timeCheck(plan, seq);
            if (r >= 3) { // the first rounds warm the JIT
                bareNs.add(a);
                plannedNs.add(b);
                checkNs.add(c);
            }
        }
        double events = (double) BATCH * BATCHES_PER_ROUND;
        double base = median(bareNs) / events;
        double withPlan = median(plannedNs) / events;
        double check = median(checkNs) / events;
        System.out.printf(Locale.ROOT, "%n%d rounds of %,d events (batches of %d: order_paid, product_view, add_to_cart, search, "
                + "$pageview, $WebClick), median round, thread CPU time%n%n", rounds, (long) events, BATCH);
        System.out.println("| step | ns per event | × baseline |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| pipeline prepare, no plan (baseline) | %,.0f | 1.00 |%n", base);
        System.out.printf(Locale.ROOT, "| pipeline prepare, 120-event plan, unknowns quarantined, autocapture URL allow/deny lists | %,.0f | %.2f |%n",
                withPlan, withPlan / base);
        System.out.printf(Locale.ROOT, "| CompiledPlan.check alone | %,.0f | %.2f |%n", check, check / base);
    }

    private static IngestPipeline pipeline(PlanSource plans) {
        DeviceInfo device = new DeviceInfo("iOS", "17.1", "WeChat", "8.0", "mobile");
        return new IngestPipeline(IngestLimits.DEFAULTS, ua -> device, new ChannelClassifier(), new IdentityResolver(),
                new DedupWindow(Duration.ofDays(7)), plans);
    }

    private static long time(IngestPipeline pipeline, long seq) {
        List<List<RawEvent>> batches = new ArrayList<>(BATCHES_PER_ROUND);
        for (int b = 0; b < BATCHES_PER_ROUND; b++) {
            batches.add(batch(seq + b));
        }
        Instant now = Instant.now();
        long sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (List<RawEvent> batch : batches) {
            sink += pipeline.prepare(batch, new IngestContext(SHOP, now, null, "203.0.113.9", "Mozilla/5.0")).accepted();
        }
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        if (sink < 0) {
            System.out.println(sink);
        }
        return elapsed;
    }

    private static long timeCheck(CompiledPlan plan, long seq) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int b = 0; b < BATCHES_PER_ROUND; b++) {
            for (RawEvent e : batch(seq + b)) {
                events.add(e.value() instanceof Map<?, ?> m ? cast(m) : Map.of());
            }
        }
        long sink = 0;
        long start = CPU.getCurrentThreadCpuTime();
        for (Map<String, Object> e : events) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) e.get("properties");
            sink += plan.check((String) e.get("event"), props, (String) props.get("$url"), (String) e.get("anonymous_id")) == null ? 1 : 0;
        }
        long elapsed = CPU.getCurrentThreadCpuTime() - start;
        if (sink < 0) {
            System.out.println(sink);
        }
        return elapsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static List<RawEvent> batch(long seq) {
        String[] names = {"order_paid", "product_view", "add_to_cart", "search", "$pageview", "$WebClick"};
        List<RawEvent> raws = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            long n = seq * BATCH + i;
            String name = names[(int) (n % names.length)];
            Map<String, Object> props = new HashMap<>();
            props.put("$url", "https://shop.example/p/lut-pack-" + (n % 40) + "?utm_source=douyin");
            props.put("$lib", "js");
            props.put("$lib_version", "1.4.0");
            switch (name) {
                case "order_paid" -> {
                    props.put("order_id", "o-" + n);
                    props.put("product_id", "lut-pack-" + (n % 40));
                    props.put("amount", new BigDecimal("39.90"));
                    props.put("payment_method", "wechat");
                }
                case "product_view", "add_to_cart" -> {
                    props.put("product_id", "lut-pack-" + (n % 40));
                    props.put("category", "lut");
                    props.put("price", 39.9);
                }
                case "search" -> {
                    props.put("keyword", "lut");
                    props.put("result_count", 12);
                }
                default -> {
                    props.put("$element_selector", "#buy-now");
                    props.put("$element_content", "立即购买");
                }
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("event", name);
            e.put("event_id", "e-" + n);
            e.put("anonymous_id", "device-" + (n % 5_000));
            e.put("properties", props);
            byte[] text = e.toString().getBytes(StandardCharsets.UTF_8);
            raws.add(new RawEvent(i, e, text, 0, text.length, false));
        }
        return raws;
    }

    /** The shop's plan (the preset's events with their properties) plus 100 more events, as a big shop's plan might be. */
    private static CompiledPlan plan() {
        List<EventSpec> events = new ArrayList<>();
        events.add(EventSpec.of("order_paid", PlanStatus.LIVE, List.of(
                PropertySpec.of("order_id", PropertyType.STRING, true), PropertySpec.of("product_id", PropertyType.STRING, true),
                new PropertySpec("amount", null, null, PropertyType.NUMBER, true, List.of(), 0.0, null, null),
                new PropertySpec("payment_method", null, null, PropertyType.STRING, false, List.of("wechat", "alipay", "balance"), null, null, null))));
        for (String n : List.of("product_view", "add_to_cart")) {
            events.add(EventSpec.of(n, PlanStatus.LIVE, List.of(PropertySpec.of("product_id", PropertyType.STRING, true),
                    PropertySpec.of("category", PropertyType.STRING, false),
                    new PropertySpec("price", null, null, PropertyType.NUMBER, false, List.of(), 0.0, null, null))));
        }
        events.add(EventSpec.of("search", PlanStatus.LIVE, List.of(PropertySpec.of("keyword", PropertyType.STRING, true),
                PropertySpec.of("result_count", PropertyType.NUMBER, false))));
        for (int i = 0; i < 116; i++) {
            events.add(EventSpec.of("custom_event_" + i, PlanStatus.LIVE, List.of(PropertySpec.of("p" + i, PropertyType.STRING, false))));
        }
        TrackingPlan plan = new TrackingPlan(UnknownPolicy.QUARANTINE, UnknownPolicy.QUARANTINE, events);
        return new CompiledPlan(plan, new AutocaptureRules(new AutocaptureSettings(EnumSet.allOf(AutocaptureKind.class),
                List.of("https://shop.example/*"), List.of("https://shop.example/admin/*"), 1.0, 30)));
    }

    private static double median(List<Long> xs) {
        List<Long> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
