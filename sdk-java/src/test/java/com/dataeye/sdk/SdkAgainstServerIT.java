package com.dataeye.sdk;

import com.dataeye.sdk.internals.EventSerializer;
import com.dataeye.sdk.support.ServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The SDK against the real, packaged server, as a separate process. */
class SdkAgainstServerIT {

    private static final int THREADS = 4;

    @TempDir
    Path tmp;

    private final List<DeliveryFailure> failures = new CopyOnWriteArrayList<>();

    private DataEyeClient client(ServerProcess server, DataEyeConfig.Builder settings) throws Exception {
        DataEyeConfig config = settings.endpoint(server.baseUrl()).writeKey(server.writeKey()).build();
        return BatchingDataEyeClient.builder(config).listener(failures::add).build();
    }

    /** Sends {@code perThread} events from each of 4 threads, pausing {@code pauseMs} between events; returns them by id. */
    private static Map<String, Event> sendFromFourThreads(DataEyeClient client, String name, int perThread, long pauseMs)
            throws Exception {
        Map<String, Event> sent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                producers.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Event e = Event.track(name).loginId("sdk-user-" + thread)
                                .property("order_id", "o-" + thread + "-" + i)
                                .property("product_id", "lut-pack-v" + (i % 7))
                                .property("amount", new BigDecimal(thread * 100 + i).movePointLeft(2).add(BigDecimal.ONE))
                                .property("sku", "sku-" + i)
                                .property("n", i)
                                .property("vip", i % 2 == 0)
                                .build();
                        client.track(e);
                        sent.put(e.eventId(), e);
                        if (pauseMs > 0) {
                            Thread.sleep(pauseMs);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> p : producers) {
                p.get();
            }
        } finally {
            pool.shutdown();
        }
        return sent;
    }

    @Test
    void eventsFromFourThreadsArriveExactlyOnceFieldByField() throws Exception {
        try (ServerProcess server = new ServerProcess(tmp.resolve("data")).start();
             DataEyeClient client = client(server, DataEyeConfig.builder().maxBatchEvents(50).lingerMs(20))) {
            Instant before = Instant.now();
            Map<String, Event> sent = sendFromFourThreads(client, "sdk_it_order", 200, 0);
            client.flush();

            assertThat(failures).isEmpty();
            assertThat(client.metrics().sentEvents()).isEqualTo(800);
            List<JsonNode> stored = server.storedEvents("sdk_it_order");
            assertThat(stored).hasSize(800);
            Map<String, JsonNode> byId = new HashMap<>();
            stored.forEach(s -> byId.put(s.path("event_id").asString(), s));
            assertThat(byId.keySet()).isEqualTo(sent.keySet());
            for (Event e : sent.values()) {
                JsonNode s = byId.get(e.eventId());
                assertThat(s.path("event").asString()).isEqualTo("sdk_it_order");
                assertThat(s.path("type").asString()).isEqualTo("track");
                assertThat(s.path("login_id").asString()).isEqualTo(e.loginId());
                assertThat(s.path("distinct_id").asString()).isEqualTo(e.loginId());
                assertThat(s.path("lib").asString()).isEqualTo(EventSerializer.LIB);
                assertThat(s.path("lib_version").asString()).isEqualTo(EventSerializer.LIB_VERSION);
                assertThat(s.path("order_id").asString()).isEqualTo(e.property("order_id"));
                assertThat(s.path("product_id").asString()).isEqualTo(e.property("product_id"));
                assertThat(s.path("amount").decimalValue()).isEqualByComparingTo((BigDecimal) e.property("amount"));
                JsonNode props = s.path("properties");
                assertThat(props.path("sku").asString()).isEqualTo(e.property("sku"));
                assertThat(props.path("n").asInt()).isEqualTo(e.property("n"));
                assertThat(props.path("vip").asBoolean()).isEqualTo(e.property("vip"));
                // the same clock on both sides: skew correction moves the time by the network delay only
                Instant ts = Instant.parse(s.path("ts").asString());
                assertThat(ts).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
            }
        }
    }

    @Test
    void buffersAndRetriesWhileTheServerIsDownThenDeliversExactlyOnce() throws Exception {
        Path data = tmp.resolve("data");
        ServerProcess server = new ServerProcess(data).start();
        DataEyeClient client = client(server, DataEyeConfig.builder().maxBatchEvents(25).lingerMs(10)
                .retryMaxAttempts(10_000).retryBackoffMs(100).retryBackoffMaxMs(1_000).requestTimeoutMs(5_000));
        try {
            // the kill lands while the four threads are still sending: some batch is likely in flight
            Future<Map<String, Event>> sending = Executors.newSingleThreadExecutor()
                    .submit(() -> sendFromFourThreads(client, "sdk_it_outage", 150, 2));
            await().atMost(Duration.ofSeconds(30)).until(() -> client.metrics().sentEvents() >= 100);
            server.kill();
            Map<String, Event> sent = sending.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> client.metrics().retries() >= 3);
            assertThat(client.metrics().queuedEvents()).isPositive();
            assertThat(client.metrics().sentEvents()).isLessThan(600);

            server.start();
            client.flush();

            ClientMetrics m = client.metrics();
            assertThat(failures).isEmpty();
            assertThat(m.sentEvents()).isEqualTo(600);
            assertThat(m.failedEvents() + m.droppedEvents() + m.queuedEvents()).isZero();
            List<JsonNode> stored = server.storedEvents("sdk_it_outage");
            List<String> storedIds = stored.stream().map(s -> s.path("event_id").asString()).toList();
            assertThat(storedIds).as("no event stored twice").doesNotHaveDuplicates();
            assertThat(Set.copyOf(storedIds)).as("no event lost").isEqualTo(sent.keySet());
        } finally {
            client.close();
            server.close();
        }
    }
}
