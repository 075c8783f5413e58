package com.dataeye.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collector throughput and latency on loopback (issue "The pipe", docs/benchmarks.md):
 * a bare 200-OK endpoint of the same server as the baseline, single events, and batches of 50,
 * each over many keep-alive connections, with the server capped at a 512 MiB heap.
 *
 * <pre>java -cp bench/target/dataeye-bench.jar com.dataeye.bench.IngestBench [seconds] [jar]</pre>
 */
public final class IngestBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path jar = Path.of(args.length > 1 ? args[1] : "server/target/dataeye-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        Wrk.requireInstalled();
        Path work = Files.createTempDirectory("dataeye-bench-");
        Path script = work.resolve("ingest.lua");
        try (InputStream in = IngestBench.class.getResourceAsStream("/ingest.lua")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Wrk.Result> results = new ArrayList<>();
        long peakHeap = 0;
        long peakRss;
        try (ServerUnderTest server = new ServerUnderTest(jar, work.resolve("data"), "512m")) {
            String key = server.writeKey();
            String url = server.url("");
            System.out.println("server pid " + server.pid() + " on " + url + ", warming up …");
            // the JIT needs a while on 2 cores: warm every path the measured steps take
            Wrk.run("warm-up", script, url, "/api/v1/events", key, 50, 1, 16, Math.max(10, seconds), runId + "w");
            Wrk.run("warm-up", script, url, "/api/v1/events", key, 1, 1, 64, Math.max(10, seconds / 2), runId + "x");
            Wrk.run("warm-up", script, url, "/api/v1/ping", key, 1, 1, 64, Math.max(10, seconds / 2), runId + "y");
            Object[][] plan = {
                    {"bare 200-OK endpoint (baseline)", "/api/v1/ping", 1, 64},
                    {"single events", "/api/v1/events", 1, 64},
                    {"batches of 50", "/api/v1/events", 50, 16},
            };
            for (Object[] step : plan) {
                System.out.printf("running %s for %d s …%n", step[0], seconds);
                Wrk.Result r = Wrk.run((String) step[0], script, url, (String) step[1], key, (int) step[2], 1, (int) step[3],
                        seconds, runId + results.size());
                results.add(r);
                peakHeap = Math.max(peakHeap, server.heapUsedBytes());
                System.out.println(row(r));
            }
            peakRss = server.peakRssBytes();
        }
        String report = report(results, seconds, peakHeap, peakRss);
        System.out.println(report);
        Path out = Path.of("bench-results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ingest-" + LocalDateTime.now().toString().replace(':', '-') + ".md"), report);
    }

    private static String row(Wrk.Result r) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %.1f | %.1f | %.1f | %d |", r.name(), r.eventsPerRequest(),
                r.connections(), r.requestsPerSecond(), r.eventsPerSecond(), r.p50ms(), r.p99ms(), r.maxMs(), r.non2xx() + r.socketErrors());
    }

    private static String report(List<Wrk.Result> results, int seconds, long peakHeap, long peakRss) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n%d s per step, wrk 1 thread on the same machine, server -Xmx512m%n%n", seconds));
        b.append("| scenario | events/request | connections | requests/s | events/s | p50 ms | p99 ms | max ms | errors |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Wrk.Result r : results) {
            b.append(row(r)).append('\n');
        }
        double bare = results.get(0).requestsPerSecond();
        double single = results.get(1).requestsPerSecond();
        b.append(String.format(Locale.ROOT, "%nsingle events at %.0f%% of the bare endpoint's rate; server heap used at most %d MiB "
                + "(sampled after each step), peak RSS %d MiB%n", 100 * single / bare, peakHeap >> 20, peakRss >> 20));
        return b.toString();
    }
}
