package com.dataeye.server.ingest;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.ServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: events answered 2xx survive a SIGKILL that comes right after the
 * last answer, exactly once, and their retries after the restart are not stored again.
 */
class DurabilityIT {

    private static final int BATCHES = 150;
    private static final int BATCH_SIZE = 20;

    @TempDir
    Path tmp;

    private static String event(int i) {
        return "{\"event\":\"durable_probe\",\"event_id\":\"dur-" + i + "\",\"anonymous_id\":\"p-" + (i % 97)
                + "\",\"properties\":{\"amount\":" + (i % 50) + ".5,\"sku\":\"lut-" + i + "\"}}";
    }

    private static String batch(int from, int size) {
        StringBuilder b = new StringBuilder("[");
        for (int i = from; i < from + size; i++) {
            b.append(i == from ? "" : ",").append(event(i));
        }
        return b.append(']').toString();
    }

    private static long storedProbes(Api api) {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode days = api.getAsSecretKey("/api/v1/projects/demo/events/daily?event=durable_probe&from="
                + today.minusDays(1) + "&to=" + today.plusDays(1)).body().path("days");
        long n = 0;
        for (JsonNode d : days) {
            n += d.path("events").asLong();
        }
        return n;
    }

    @Test
    void everyAcknowledgedEventSurvivesKillDashNineExactlyOnce() throws Exception {
        Path data = tmp.resolve("data");
        int acknowledged;
        try (ServerProcess server = new ServerProcess(data).start()) {
            Api api = server.api();
            AtomicInteger acked = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> sends = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                int from = b * BATCH_SIZE;
                sends.add(pool.submit(() -> {
                    Api.Response r = api.postEvents(batch(from, BATCH_SIZE));
                    assertThat(r.status()).isEqualTo(200);
                    acked.addAndGet(r.body().path("accepted").asInt());
                }));
            }
            for (Future<?> f : sends) {
                f.get();
            }
            pool.shutdown();
            // the last acknowledged request is a single event, and the kill follows its answer at once
            Api.Response last = api.postEvents(event(BATCHES * BATCH_SIZE));
            assertThat(last.status()).isEqualTo(200);
            server.kill();
            acknowledged = acked.get() + last.body().path("accepted").asInt();
        }
        assertThat(acknowledged).isEqualTo(BATCHES * BATCH_SIZE + 1);

        try (ServerProcess restarted = new ServerProcess(data).start()) {
            Api api = restarted.api();
            assertThat(storedProbes(api)).isEqualTo(acknowledged);
            // SDKs that never saw an answer retry everything: nothing may be stored twice
            Api.Response retry = api.postEvents(batch(0, BATCH_SIZE));
            assertThat(retry.body().path("duplicates").asInt()).isEqualTo(BATCH_SIZE);
            assertThat(retry.body().path("accepted").asInt()).isZero();
            assertThat(storedProbes(api)).isEqualTo(acknowledged);
        }
    }

    @Test
    void aCrashWithRequestsInFlightLosesNoAcknowledgedEventAndStoresNoneTwice() throws Exception {
        Path data = tmp.resolve("inflight");
        java.util.Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        try (ServerProcess server = new ServerProcess(data).start()) {
            Api api = server.api();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        int from = next.getAndAdd(BATCH_SIZE);
                        try {
                            Api.Response r = api.postEvents(batch(from, BATCH_SIZE));
                            if (r.status() == 200) {
                                for (int i = from; i < from + BATCH_SIZE; i++) {
                                    acknowledged.add("dur-" + i);
                                }
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(3000);
            server.kill(); // while requests are in flight
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(acknowledged).hasSizeGreaterThan(1000);
        // restart: the log left behind is loaded; then a clean stop, and the store is read directly
        try (ServerProcess restarted = new ServerProcess(data).start()) {
            assertThat(storedProbes(restarted.api())).isGreaterThanOrEqualTo(acknowledged.size());
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + data.resolve("events.duckdb"));
             java.sql.Statement st = c.createStatement()) {
            java.sql.ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT event_id) FROM events WHERE event = 'durable_probe'");
            rs.next();
            assertThat(rs.getLong(1)).as("no event stored twice").isEqualTo(rs.getLong(2));
            java.util.Set<String> stored = new java.util.HashSet<>();
            rs = st.executeQuery("SELECT event_id FROM events WHERE event = 'durable_probe'");
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
            assertThat(stored).as("every acknowledged event survived the crash").containsAll(acknowledged);
        }
    }
}
