package com.dataeye.bench;

import com.dataeye.simulator.ProgressListener;
import com.dataeye.simulator.Simulation;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.truth.AnswerKey;

import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bulk import throughput (issue "A demo shop with known truths", docs/benchmarks.md): generates a
 * simulated shop of N events, then measures in the same run
 * <ol>
 *   <li>baseline: reading the file line by line and parsing each line to a map with Jackson (one thread);</li>
 *   <li>baseline: DuckDB's own {@code read_json} of the file into a table (every core, no checks at all);</li>
 *   <li>{@code ./dataeye import} of the file into the packaged server (-Xmx1g), end to end: every line
 *       validated, de-identified, deduplicated and committed to the store before it is acknowledged.</li>
 * </ol>
 *
 * <pre>java -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.ImportBench [events] [server jar]</pre>
 */
public final class ImportBench {

    private record Row(String name, long events, double seconds, String note) {

        double perSecond() {
            return events / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path jar = Path.of(args.length > 1 ? args[1] : "server/target/dataeye-server.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        Path work = Files.createTempDirectory("dataeye-import-bench-");
        try {
            run(events, jar, work);
        } finally {
            deleteTree(work);
        }
    }

    private static void run(long events, Path jar, Path work) throws Exception {
        // about 21 events a person with the default behaviour
        int persons = (int) Math.max(100, events / 21);
        // -Dbench.shop=DIR: the generated shop is kept there and reused by the next run with the same DIR
        // (quick iterations; the shop is deterministic, so a kept one is the one a run would generate)
        String kept = System.getProperty("bench.shop", "");
        Path sim = kept.isBlank() ? work.resolve("sim") : Path.of(kept);
        Path file = sim.resolve("events.ndjson");
        long lines;
        if (!kept.isBlank() && Files.exists(file)) {
            try (var in = Files.lines(file)) {
                lines = in.count();
            }
            System.out.printf(Locale.ROOT, "reusing the shop in %s (%,d events)%n", sim, lines);
        } else {
            System.out.printf(Locale.ROOT, "generating a shop of ~%,d events (%,d persons) …%n", events, persons);
            long t0 = System.nanoTime();
            AnswerKey key = Simulation.runToDirectory(SimulationConfig.defaults().withPersons(persons)
                    .withCalendar(LocalDate.now().minusDays(91), 90), sim, false, ProgressListener.NONE);
            lines = key.counts().events();
            System.out.printf(Locale.ROOT, "%,d events, %,d MB in %.1f s%n", lines, Files.size(file) >> 20, (System.nanoTime() - t0) / 1e9);
        }
        warmPageCache(file);

        List<Row> rows = new ArrayList<>();
        // -Dbench.importOnly=true: quick iterations on the import alone (publish only runs with the baselines)
        if (!Boolean.getBoolean("bench.importOnly")) {
            rows.add(parseBaseline(file));
            System.out.println(row(rows.get(rows.size() - 1)));
            rows.add(duckDbBaseline(file, work));
            System.out.println(row(rows.get(rows.size() - 1)));
        }
        rows.add(importThroughServer(file, jar, work));
        System.out.println(row(rows.get(rows.size() - 1)));

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%n%,d simulated events (%,d MB NDJSON), %d cores%n%n", lines,
                Files.size(file) >> 20, Runtime.getRuntime().availableProcessors()));
        report.append("| step | events | seconds | events/s | note |\n|---|---|---|---|---|\n");
        rows.forEach(r -> report.append(row(r)).append('\n'));
        System.out.println(report);
        Path out = Path.of("bench-results");
        Files.createDirectories(out);
        Files.writeString(out.resolve("import-" + LocalDateTime.now().toString().replace(':', '-') + ".md"), report);
    }

    private static Row parseBaseline(Path file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        long n = 0;
        long start = System.nanoTime();
        long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (json.readValue(line, Map.class) != null) {
                    n++;
                }
            }
        }
        double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Row("baseline: read lines + Jackson parse to a map (1 thread)", n, (System.nanoTime() - start) / 1e9,
                String.format(Locale.ROOT, "no checks, nothing stored; CPU %.1f s (%.1f µs/event)", cpu, cpu * 1e6 / n));
    }

    private static Row duckDbBaseline(Path file, Path work) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + work.resolve("raw.duckdb"));
             Statement st = c.createStatement()) {
            long start = System.nanoTime();
            double cpu0 = cpuSeconds(ProcessHandle.current().pid());
            st.execute("CREATE TABLE raw AS SELECT * FROM read_json('" + file.toString().replace("'", "''")
                    + "', format = 'newline_delimited', maximum_depth = 1)");
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds(ProcessHandle.current().pid()) - cpu0;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM raw")) {
                rs.next();
                long rows = rs.getLong(1);
                return new Row("baseline: DuckDB read_json into a table (all cores)", rows, seconds, String.format(Locale.ROOT,
                        "no checks, no de-identification, no dedup; CPU %.1f s (%.1f µs/event)", cpu, cpu * 1e6 / rows));
            }
        }
    }

    private static Row importThroughServer(Path file, Path jar, Path work) throws Exception {
        try (ServerUnderTest server = new ServerUnderTest(jar, work.resolve("data"), "1g")) {
            System.out.println("server pid " + server.pid() + " on " + server.url("") + ", importing …");
            if (Boolean.getBoolean("bench.pauseBeforeImport")) {
                // time to attach a profiler (jcmd <pid> JFR.start) to the server
                Thread.sleep(10_000);
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // -Dbench.clientJvmOptions="…": JVM options of the client (GC choice, profiling); by default the
            // dataeye launcher's own (C1 only: the client's C2 compilations cost more CPU than they saved)
            String clientOptions = System.getProperty("bench.clientJvmOptions", "-XX:TieredStopAtLevel=1").trim();
            if (!clientOptions.isEmpty()) {
                cmd.addAll(List.of(clientOptions.split("\\s+")));
            }
            // -Dbench.clientJar=JAR: the client from another build (the server's changes alone, at the same client pace)
            String clientJar = System.getProperty("bench.clientJar", jar.toString());
            cmd.addAll(List.of("-cp", clientJar,
                    "-Dloader.main=com.dataeye.server.cli.ImportCommand", "org.springframework.boot.loader.launch.PropertiesLauncher",
                    "--file", file.toString(), "--server", server.url(""), "--key", server.secretKey()));
            // a kept shop may hold the saved position of an interrupted run: the import would resume there
            Files.deleteIfExists(Path.of(file + ".import-state"));
            long start = System.nanoTime();
            double serverCpu0 = cpuSeconds(server.pid());
            Map<String, double[]> threads0 = threadCpu(server.pid());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // the client's CPU, read while it runs (gone once it exits)
            double[] clientCpu = {0};
            // -Dbench.timeline=true: each second, the CPU of the server's thread kinds and of the client in that
            // second (where the cores sat idle: start, the chunk pipeline, the finish)
            boolean timeline = Boolean.getBoolean("bench.timeline");
            Thread watch = new Thread(() -> {
                Map<String, double[]> last = threads0;
                double lastClient = 0;
                long nextLine = System.nanoTime() + 1_000_000_000L;
                while (p.isAlive()) {
                    clientCpu[0] = Math.max(clientCpu[0], cpuSeconds(p.pid()));
                    if (timeline && System.nanoTime() >= nextLine) {
                        nextLine += 1_000_000_000L;
                        Map<String, double[]> now = threadCpu(server.pid());
                        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "t=%5.1f", (System.nanoTime() - start) / 1e9));
                        for (Map.Entry<String, double[]> k : now.entrySet()) {
                            double[] b = last.getOrDefault(k.getKey(), new double[2]);
                            double used = k.getValue()[0] + k.getValue()[1] - b[0] - b[1];
                            if (used >= 0.05) {
                                line.append(String.format(Locale.ROOT, "  %s %.2f", k.getKey().trim(), used));
                            }
                        }
                        System.out.println(line.append(String.format(Locale.ROOT, "  client %.2f", clientCpu[0] - lastClient)));
                        last = now;
                        lastClient = clientCpu[0];
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watch.setDaemon(true);
            watch.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpu = cpuSeconds(server.pid()) - serverCpu0;
            watch.interrupt();
            printThreadCpu(threads0, threadCpu(server.pid()));
            Matcher m = Pattern.compile("finished: ([0-9,]+) accepted, ([0-9,]+) already there, ([0-9,]+) refused").matcher(output);
            if (exit != 0 || !m.find()) {
                throw new IllegalStateException("import failed (" + exit + "):\n" + output.substring(Math.max(0, output.length() - 2000)));
            }
            long accepted = Long.parseLong(m.group(1).replace(",", ""));
            int cores = Runtime.getRuntime().availableProcessors();
            double cpu = serverCpu + clientCpu[0];
            return new Row("./dataeye import into the running server (-Xmx1g)", accepted, seconds, String.format(Locale.ROOT,
                    "validated, de-identified, deduplicated, committed; %s refused; client JVM start included; CPU: server %.1f s "
                            + "(%.1f µs/event), client %.1f s; all %d cores busy with nothing else would give %,.0f events/s",
                    m.group(3), serverCpu, serverCpu * 1e6 / accepted, clientCpu[0], cores, accepted * cores / cpu));
        }
    }

    /**
     * User and system CPU seconds of a process's threads so far, summed per kind of thread (the name up to
     * its number: the import workers, the request threads that load chunks, GC, JIT), from /proc (Linux).
     */
    static Map<String, double[]> threadCpu(long pid) {
        Map<String, double[]> byKind = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String kind = name.replaceAll("[-#]?[0-9]+$", "").replaceAll("-[0-9]+-?$", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double[] cpu = byKind.computeIfAbsent(kind, k -> new double[2]);
                    cpu[0] += Long.parseLong(f[11]) / 100.0;
                    cpu[1] += Long.parseLong(f[12]) / 100.0;
                } catch (IOException | RuntimeException gone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return byKind;
    }

    /** Where the server's CPU went during the import (threads that ended during it are not counted). */
    private static void printThreadCpu(Map<String, double[]> before, Map<String, double[]> after) {
        System.out.println("server CPU by thread kind during the import (user s / system s):");
        after.forEach((kind, cpu) -> {
            double[] b = before.getOrDefault(kind, new double[2]);
            double user = cpu[0] - b[0];
            double sys = cpu[1] - b[1];
            if (user + sys >= 0.5) {
                System.out.printf(Locale.ROOT, "  %-24s %7.1f / %6.1f%n", kind, user, sys);
            }
        });
    }

    /** User + system CPU of a process so far, from /proc (Linux); 0 where that is not available. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime), in clock ticks of 1/100 s
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String row(Row r) {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | **%,.0f** | %s |", r.name(), r.events(), r.seconds(), r.perSecond(), r.note());
    }

    /** Reads the file once so every step starts with it in the page cache, as the first step would not. */
    private static void warmPageCache(Path file) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buf) > 0) {
                // warm the page cache
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
