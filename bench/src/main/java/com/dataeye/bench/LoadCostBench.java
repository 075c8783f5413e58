package com.dataeye.bench;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.ImportRows;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What storing a batch costs on a big store: {@code rounds} batches of {@code n} shop-like events
 * (a third page views, 6 % of them a new {@code /pay/confirm?order=…} URL) through the collector's
 * path (a direct commit, loaded like a segment) and through the bulk import's CSV path, medians
 * printed. Written for the URL numbering of store version 3 (docs/benchmarks.md): run it on a copy
 * of a store, since it adds the events.
 *
 * <pre>java -Xmx2g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.LoadCostBench STORE.duckdb 50000 5</pre>
 */
public final class LoadCostBench {

    private static int seq = 0;

    private LoadCostBench() {}

    static List<Event> batch(int n, Random r) {
        List<Event> out = new ArrayList<>(n);
        Instant day = Instant.parse("2026-11-23T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String id = "lc-" + (seq++);
            String person = "u" + (10_000_000 + r.nextInt(1_000_000));
            int k = r.nextInt(100);
            String name;
            String url = null;
            if (k < 31) {
                name = "$pageview";
                int p = r.nextInt(100);
                url = p < 6 ? "https://shop.lianxiaopu.example/pay/confirm?order=LC" + seq
                        : p < 40 ? "https://shop.lianxiaopu.example/p/" + r.nextInt(330)
                        : p < 50 ? "https://shop.lianxiaopu.example/search?q=k" + r.nextInt(16)
                        : "https://shop.lianxiaopu.example/c/" + r.nextInt(20);
            } else if (k < 62) {
                name = "$WebStay";
                url = "https://shop.lianxiaopu.example/p/" + r.nextInt(330);
            } else if (k < 73) {
                name = "$WebClick";
                url = "https://shop.lianxiaopu.example/p/" + r.nextInt(330);
            } else if (k < 82) {
                name = "product_view";
                url = "https://shop.lianxiaopu.example/p/" + r.nextInt(330);
            } else {
                name = "order_paid";
            }
            Instant ts = day.plusMillis(r.nextInt(86_400_000));
            out.add(new Event(id, "bench", name, EventType.TRACK, person, person, person, null, ts, ts, "js", "1",
                    new Event.Page(url, null, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                    new Event.Device("iOS", null, "mobile", null, null), new Event.Element(null, null, null),
                    new Event.Commerce(null, null, null), Map.of()));
        }
        return out;
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Random r = new Random(7);
        try (DuckDb db = DuckDb.open(java.nio.file.Path.of(args[0]), "2GB"); DuckDbEventStore store = new DuckDbEventStore(db)) {
            List<Double> segment = new ArrayList<>();
            List<Double> imported = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                List<Event> collected = batch(n, r);
                ImportRows rows = ImportRows.of(new CommitBatch(batch(n, r), List.of(), List.of()), store);
                long t = System.nanoTime();
                store.commit(new CommitBatch(collected, List.of(), List.of()));
                segment.add((System.nanoTime() - t) / 1e6);
                t = System.nanoTime();
                store.appendImport(List.of(rows));
                imported.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(segment);
            Collections.sort(imported);
            System.out.printf(java.util.Locale.ROOT, "batch %d: segment load median %.0f ms %s, import CSV load median %.0f ms %s%n",
                    n, segment.get(rounds / 2), segment, imported.get(rounds / 2), imported);
        }
    }
}
