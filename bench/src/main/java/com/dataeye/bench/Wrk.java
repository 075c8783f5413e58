package com.dataeye.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian package {@code wrk}) with our Lua script. wrk is written in C and uses one
 * event loop per thread, so on a 2-core machine it leaves the server most of the CPU — a Java
 * load generator would take half of it.
 */
final class Wrk {

    record Result(String name, int eventsPerRequest, int connections, long requests, double seconds, long non2xx,
                  long socketErrors, double p50ms, double p90ms, double p99ms, double maxMs) {

        double requestsPerSecond() {
            return requests / seconds;
        }

        double eventsPerSecond() {
            return (requests - non2xx) * (double) eventsPerRequest / seconds;
        }
    }

    static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed: run 'apt-get install -y wrk' (Debian package)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Result run(String name, Path script, String url, String path, String writeKey, int eventsPerRequest,
                      int threads, int connections, int seconds, String runId) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", path, writeKey, Integer.toString(eventsPerRequest), runId));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.append(line).append('\n');
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        Matcher m = Pattern.compile("BENCH_RESULT requests=(\\d+) duration_us=(\\d+) errors_status=(\\d+) errors_other=(\\d+) "
                + "p50_us=(\\d+) p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no result in wrk output:\n" + out);
        }
        return new Result(name, eventsPerRequest, connections, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                Long.parseLong(m.group(3)), Long.parseLong(m.group(4)), us(m.group(5)), us(m.group(6)), us(m.group(7)), us(m.group(8)));
    }

    private static double us(String v) {
        return Long.parseLong(v) / 1000.0;
    }
}
