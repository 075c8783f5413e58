package com.dataeye.server.realtime;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real-time board against the real server: what the collector acknowledged shows within a second. */
class OverviewIT extends InProcessServer {

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).toString();
    }

    private JsonNode overview() {
        Api.Response r = api().getAsSecretKey("/api/v1/projects/demo/overview?hours=1");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    @Test
    void anAcknowledgedOrderIsOnTheOverviewWithinOneSecond() throws Exception {
        long ordersBefore = overview().path("today").path("orders").asLong();
        long pvBefore = overview().path("today").path("pv").asLong();
        String who = "rt-" + UUID.randomUUID();
        Api.Response sent = api().postEvents("[{\"event\":\"$pageview\",\"anonymous_id\":\"" + who + "\",\"timestamp\":\"" + now() + "\"},"
                + "{\"event\":\"order_paid\",\"anonymous_id\":\"" + who + "\",\"timestamp\":\"" + now() + "\",\"properties\":{\"order_id\":\"o-" + who
                + "\",\"amount\":39.9}}]");
        long acked = System.nanoTime();
        assertThat(sent.status()).isEqualTo(200);
        JsonNode today = null;
        while (System.nanoTime() - acked < 1_000_000_000L) {
            today = overview().path("today");
            if (today.path("orders").asLong() > ordersBefore) {
                break;
            }
            Thread.sleep(20);
        }
        long elapsedMillis = (System.nanoTime() - acked) / 1_000_000;
        assertThat(today.path("orders").asLong()).as("orders after %d ms", elapsedMillis).isEqualTo(ordersBefore + 1);
        assertThat(today.path("pv").asLong()).isEqualTo(pvBefore + 1);
        assertThat(elapsedMillis).isLessThan(1000);
        assertThat(today.path("gmv").asDouble()).isGreaterThanOrEqualTo(39.9);
        JsonNode body = overview();
        assertThat(body.path("minutes").size()).isEqualTo(60);
        assertThat(body.path("time_zone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(body.path("accuracy").path("day_relative_standard_error").asDouble()).isEqualTo(0.0081);
    }

    @Test
    void theStreamPushesASnapshotWithTheNewEvent() throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        try (InputStream in = openStream("/api/v1/projects/demo/overview/stream?hours=1", lines)) {
            String first = nextData(lines, Duration.ofSeconds(5));
            long before = Api.JSON.readTree(first).path("today").path("events").asLong();
            api().postEvents("[{\"event\":\"stream_check\",\"anonymous_id\":\"s-" + UUID.randomUUID() + "\",\"timestamp\":\"" + now() + "\"}]");
            long acked = System.nanoTime();
            long events = before;
            while (events <= before) {
                String data = nextData(lines, Duration.ofSeconds(3));
                assertThat(data).as("a snapshot within 3 s").isNotNull();
                events = Api.JSON.readTree(data).path("today").path("events").asLong();
            }
            // a snapshot at most once a second: the event shows within the next one
            assertThat((System.nanoTime() - acked) / 1_000_000).isLessThan(1500);
        }
    }

    @Test
    void theLiveStreamShowsAcceptedEventsDeIdentified() throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        try (InputStream in = openStream("/api/v1/projects/demo/live/events?backlog=0", lines)) {
            Thread.sleep(300);
            String name = "live_" + UUID.randomUUID().toString().substring(0, 8);
            api().postEvents("[{\"event\":\"" + name + "\",\"login_id\":\"13812345678\",\"timestamp\":\"" + now()
                    + "\",\"properties\":{\"$url\":\"https://shop.example/u/13812345678\"}}]");
            String found = null;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (found == null && System.nanoTime() < deadline) {
                String data = nextData(lines, Duration.ofSeconds(3));
                if (data != null && data.contains(name)) {
                    found = data;
                }
            }
            assertThat(found).isNotNull();
            JsonNode event = Api.JSON.readTree(found).path("events").path(0);
            assertThat(event.path("event").asString()).isEqualTo(name);
            assertThat(event.path("path").asString()).isEqualTo("/u/138****5678");
            assertThat(found).doesNotContain("13812345678");
        }
    }

    @Test
    void aLiveStreamOfAQuietProjectOpensAtOnce() throws Exception {
        // nothing arrives in this project: the stream must still answer before the 15 s heartbeat,
        // or the live page says "connecting" that long
        long started = System.nanoTime();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(100);
        try (InputStream in = openStream("/api/v1/projects/demo/live/events?backlog=0", lines)) {
            String first = lines.poll(5, TimeUnit.SECONDS);
            assertThat(first).as("first line of the stream").isNotNull().startsWith(":");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void needsTheSecretKeyAndAValidWindow() {
        assertThat(api().get("/api/v1/projects/demo/overview", "Bearer " + api().writeKey).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/projects/demo/overview", null).status()).isEqualTo(401);
        assertThat(api().getAsAdmin("/api/v1/projects/demo/overview").status()).isEqualTo(200);
        Api.Response bad = api().getAsSecretKey("/api/v1/projects/demo/overview?hours=49");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("field").asString()).isEqualTo("hours");
        assertThat(api().getAsAdmin("/api/v1/projects/nope/overview").status()).isEqualTo(404);
    }

    private InputStream openStream(String path, BlockingQueue<String> lines) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + api().secretKey).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        InputStream in = r.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = br.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (Exception ignored) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return in;
    }

    private static String nextData(BlockingQueue<String> lines, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith("data:")) {
                return line.substring(5);
            }
        }
        return null;
    }
}
