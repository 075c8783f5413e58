package com.dataeye.bench;

import com.dataeye.core.event.EventType;
import com.dataeye.simulator.output.SimulatedEvent;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Visitors who land from a short video (or a search) and leave: one {@code $pageview} and the
 * {@code $WebStay} of a few seconds, never seen again. The simulator's shop persons average about 21
 * events each, so 10M events of shop alone hold some 476k persons; real shops that buy traffic on
 * 抖音/快手 see a large share of such one-page visits, and the analytics issue sizes its benchmarks at
 * 10M events / 1M persons. {@link BenchShop} adds these visitors to reach that shape: they make every
 * per-person computation (distinct counts, funnels, retention, paths) work on twice the persons.
 *
 * <p>Deterministic from the seed; the visits spread over the run's days with an evening peak.
 */
final class BounceVisitors {

    static final int EVENTS_EACH = 2;
    private static final ZoneId SHOP = ZoneId.of("Asia/Shanghai");
    private static final String[][] SOURCES = {
            {"douyin", "short_video", "https://www.douyin.com/"},
            {"kuaishou", "short_video", "https://www.kuaishou.com/"},
            {null, null, "https://www.baidu.com/link?url=a8Xk2P"}};

    private BounceVisitors() {}

    static void generate(long seed, int visitors, LocalDate from, int days, Consumer<SimulatedEvent> sink) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_B0CEL);
        for (int n = 0; n < visitors; n++) {
            String anon = "bounce-" + Integer.toString(n, 36);
            LocalDate day = from.plusDays(random.nextInt(days));
            // evening peak: hours 19-23 take half the visits
            int hour = random.nextDouble() < 0.5 ? 19 + random.nextInt(5) : random.nextInt(24);
            long at = day.atTime(hour, random.nextInt(60), random.nextInt(60)).atZone(SHOP).toInstant().toEpochMilli()
                    + random.nextInt(1000);
            double r = random.nextDouble();
            String[] source = SOURCES[r < 0.6 ? 0 : r < 0.85 ? 1 : 2];
            boolean mini = random.nextDouble() < 0.3;
            String product = "p" + (1 + random.nextInt(300));
            String url = "https://shop.lianxiaopu.example/product/" + product
                    + (source[0] == null ? "" : "?utm_source=" + source[0] + "&utm_medium=" + source[1] + "&utm_campaign=feed");
            Map<String, Object> view = client(mini, random, url);
            view.put("$referrer", source[2]);
            if (source[0] != null) {
                view.put("utm_source", source[0]);
                view.put("utm_medium", source[1]);
                view.put("utm_campaign", "feed");
            }
            sink.accept(new SimulatedEvent(EventType.TRACK, "$pageview", anon + "-0", anon, null, null, null, at, view));
            Map<String, Object> stay = client(mini, random, url);
            double seconds = 2 + random.nextInt(14_000) / 1000.0;
            stay.put("$event_duration", seconds);
            sink.accept(new SimulatedEvent(EventType.TRACK, "$WebStay", anon + "-1", anon, null, null, null,
                    at + (long) (seconds * 1000), stay));
        }
    }

    private static Map<String, Object> client(boolean mini, SplittableRandom random, String url) {
        Map<String, Object> props = new LinkedHashMap<>(12);
        props.put("$lib", mini ? "miniprogram" : "js");
        props.put("$lib_version", mini ? "1.4.0" : "1.6.2");
        props.put("$os", random.nextDouble() < 0.55 ? "Android" : "iOS");
        props.put("$device_type", mini ? "mini_program" : "mobile");
        props.put("$url", url);
        props.put("$title", "链动小铺 - 虚拟好物商城");
        return props;
    }
}
