package com.dataeye.sdk.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged DataEye server as a separate JVM, as users run it, on one port and one data
 * directory for its whole life, so a test can kill it and start it again where the SDK expects it.
 * The jar comes from the system property {@code dataeye.server.jar} (set by Failsafe).
 */
public final class ServerProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dataDir;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process process;

    public ServerProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    private static Path jar() {
        String jar = System.getProperty("dataeye.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged server jar is missing (" + jar + "); build it first with "
                    + "'./mvnw -q -pl server -am -DskipTests install', then run these tests through 'mvnw verify'");
        }
        return Path.of(jar);
    }

    public ServerProcess start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port, "--dataeye.data-dir=" + dataDir));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitHealthy(Duration.ofSeconds(180));
        return this;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && Files.exists(dataDir.resolve("demo-secret-key"))) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the server did not become healthy in " + timeout + "; log:\n" + Files.readString(log));
    }

    /** SIGKILL: the server vanishes mid-request, as in a crash or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The demo project's write key, read with its secret key as docs/api/query.md describes. */
    public String writeKey() throws IOException, InterruptedException {
        return get("/api/v1/projects/demo/keys").path("write_keys").path(0).asString();
    }

    /** The stored events named {@code event}, newest first (at most 1000). */
    public List<JsonNode> storedEvents(String event) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        get("/api/v1/projects/demo/events?limit=1000&event=" + event).path("events").forEach(events::add);
        return events;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        String secret = Files.readString(dataDir.resolve("demo-secret-key")).trim();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return JSON.readTree(r.body());
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
