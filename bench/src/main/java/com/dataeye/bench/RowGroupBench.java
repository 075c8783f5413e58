package com.dataeye.bench;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.ImportRows;
import com.dataeye.core.event.Event;
import com.dataeye.core.store.CommitBatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What an import chunk's size costs the store (docs/benchmarks.md, issue 3): the same shop-like events
 * ({@link LoadCostBench#batch}) stored through the import's path ({@link DuckDbEventStore#appendImport})
 * in chunks of each size given, each size into a fresh store file, alternating, and the CPU of the
 * storing thread per event printed (DuckDB works on that thread: one thread per import load). Chunk sizes
 * whose last row group (122,880 rows) is at most half full are merged by the checkpoints' vacuum,
 * rewritten and compressed again.
 *
 * <pre>java -Xmx3g -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.RowGroupBench 1000000 2 131072 196608</pre>
 */
public final class RowGroupBench {

    private RowGroupBench() {}

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            for (int a = 2; a < args.length; a++) {
                int chunk = Integer.parseInt(args[a]);
                Path dir = Files.createTempDirectory("dataeye-rowgroup-");
                Random r = new Random(11);
                long storeNanos = 0;
                long stored = 0;
                try (DuckDb db = DuckDb.open(dir.resolve("events.duckdb"), "2GB"); DuckDbEventStore store = new DuckDbEventStore(db)) {
                    while (stored < events) {
                        List<Event> batch = LoadCostBench.batch((int) Math.min(chunk, events - stored), r);
                        ImportRows rows = ImportRows.of(new CommitBatch(batch, List.of(), List.of()), store);
                        long cpu = threads.getCurrentThreadCpuTime();
                        store.appendImport(List.of(rows));
                        storeNanos += threads.getCurrentThreadCpuTime() - cpu;
                        stored += batch.size();
                    }
                } finally {
                    deleteTree(dir);
                }
                System.out.printf(Locale.ROOT, "round %d, chunks of %,d events: %,d events stored, storing thread %.2f µs/event%n",
                        round, chunk, stored, storeNanos / 1e3 / stored);
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
