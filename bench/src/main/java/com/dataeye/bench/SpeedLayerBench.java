package com.dataeye.bench;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.realtime.CountedEvent;
import com.dataeye.core.realtime.LiveEvents;
import com.dataeye.core.realtime.Overview;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the real-time speed layer costs per event on its own thread (docs/benchmarks.md): N events
 * of N/10 persons (page views, some orders; in time order: half yesterday over 12 hours, half in the last hour)
 * folded into the overview and the live ring, best of 5 after a warm-up, and the time of a snapshot
 * with a 3-hour series (best of 5).
 *
 * <pre>java -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.SpeedLayerBench [events]</pre>
 */
public final class SpeedLayerBench {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Instant now = Instant.now();
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String person = "person-" + (i * 7919L % (n / 10));
            boolean order = i % 50 == 0;
            events.add(new Event("e" + i, "shop", order ? "order_paid" : "$pageview", EventType.TRACK, person, person, person, null,
                    now.minusMillis(i < n / 2 ? 86_400_000L + (n / 2 - i) * 86L : (n - i) * 7L), now, "js", "1", new Event.Page("https://shop.example/p", "/p", "t", null),
                    new Event.Acquisition(null, null, null, null, null, "direct"), new Event.Device(null, null, "mobile", null, null),
                    new Event.Element(null, null, null), new Event.Commerce(order ? "o" + i : null, "lut", order ? new BigDecimal("39.90") : null),
                    Map.of()));
        }
        double best = Double.MAX_VALUE;
        Overview overview = null;
        for (int run = 0; run < 6; run++) {
            overview = new Overview(Clock.systemUTC(), p -> ZoneId.of("Asia/Shanghai"));
            LiveEvents live = new LiveEvents(1_000);
            long t = System.nanoTime();
            for (Event e : events) {
                overview.accept(e.projectId(), CountedEvent.of(e));
                live.append(e);
            }
            double ns = (System.nanoTime() - t) / (double) n;
            if (run > 0) {
                best = Math.min(best, ns);
            }
        }
        double snapshotMs = Double.MAX_VALUE;
        for (int run = 0; run < 6; run++) {
            long t = System.nanoTime();
            overview.snapshot("shop", 3);
            snapshotMs = run == 0 ? snapshotMs : Math.min(snapshotMs, (System.nanoTime() - t) / 1e6);
        }
        System.out.printf(Locale.ROOT, "%n| speed layer, %,d events of %,d persons | per event | snapshot (3 h series) |%n|---|---|---|%n"
                + "| fold into overview + live ring, one thread | %.2f µs | %.1f ms |%n", n, n / 10, best / 1000, snapshotMs);
    }
}
