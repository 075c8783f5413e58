package com.dataeye.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server started as users start it, on loopback, with its own heap cap and data directory. */
final class ServerUnderTest implements AutoCloseable {

    final int port;
    final Path dataDir;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    ServerUnderTest(Path jar, Path dataDir, String heap) throws IOException, InterruptedException {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.createDirectories(dataDir);
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xms" + heap));
        // -Dbench.serverJvmOptions="-XX:+UseParallelGC …": JVM options of the server under test (GC choice, profiling)
        String extra = System.getProperty("bench.serverJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--dataeye.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(cmd);
        // -Dbench.serverEnv="NAME=value NAME2=value": environment of the server under test (e.g. glibc malloc tunables)
        for (String kv : System.getProperty("bench.serverEnv", "").trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                builder.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        process = builder.redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling("server.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited; see " + dataDir.resolveSibling("server.log"));
            }
            try {
                if (get("/actuator/health", null).statusCode() == 200 && Files.exists(dataDir.resolve("demo-secret-key"))) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server did not start in 120 s");
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String secretKey() throws IOException {
        return Files.readString(dataDir.resolve("demo-secret-key")).trim();
    }

    String writeKey() throws IOException, InterruptedException {
        String body = get("/api/v1/projects/demo/keys", "Bearer " + secretKey()).body();
        Matcher m = Pattern.compile("\"write_keys\":\\[\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no write key in " + body);
        }
        return m.group(1);
    }

    /** Heap in use now, from the server's own metrics. */
    long heapUsedBytes() throws IOException, InterruptedException {
        String password = Files.readString(dataDir.resolve("initial-admin-password")).trim();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        String text = get("/actuator/prometheus", auth).body();
        long sum = 0;
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.Ee+]+)$").matcher(text);
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** Peak resident memory of the server process (VmHWM), in bytes. */
    long peakRssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
