package com.dataeye.sdk;

import com.dataeye.sdk.support.FakeTransport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many application threads, one client, a real clock and a buffer small enough to fill. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int EVENTS_PER_THREAD = 2_000;

    @Test
    void deliversEveryEventOnceAndInEachThreadsOrderFromSeveralProducerThreads() throws Exception {
        FakeTransport collector = new FakeTransport();
        DataEyeConfig config = DataEyeConfig.builder().endpoint("http://collector.test").writeKey("wk_test")
                .maxBatchEvents(50).lingerMs(2).bufferMaxEvents(300).onFull(OnFull.BLOCK).maxBlockMs(30_000).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (BatchingDataEyeClient client = BatchingDataEyeClient.builder(config).transport(collector).build()) {
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String thread = "t" + t;
                producers.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS_PER_THREAD; i++) {
                        client.track(Event.track("tick").anonymousId(thread).property("n", i).build());
                        if (i % 500 == 0) {
                            client.flush();
                        }
                    }
                }));
            }
            for (Future<?> p : producers) {
                p.get();
            }
            client.flush();

            ClientMetrics m = client.metrics();
            assertThat(m.sentEvents()).isEqualTo(THREADS * EVENTS_PER_THREAD);
            assertThat(m.queuedEvents()).isZero();
            assertThat(m.failedEvents() + m.droppedEvents()).isZero();
        } finally {
            pool.shutdown();
        }

        List<String> ids = collector.eventIdsSent();
        assertThat(ids).hasSize(THREADS * EVENTS_PER_THREAD);
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(collector.requests()).allSatisfy(r -> assertThat(r.events()).hasSizeLessThanOrEqualTo(50));
        Map<String, Integer> lastSeen = new HashMap<>();
        for (FakeTransport.Sent r : collector.requests()) {
            for (JsonNode e : r.events()) {
                int n = e.path("properties").path("n").asInt();
                Integer before = lastSeen.put(e.path("anonymous_id").asString(), n);
                assertThat(n).isEqualTo(before == null ? 0 : before + 1);
            }
        }
    }

    @Test
    void closingWhileOtherThreadsSendLosesNothingItAccepted() throws Exception {
        FakeTransport collector = new FakeTransport();
        DataEyeConfig config = DataEyeConfig.builder().endpoint("http://collector.test").writeKey("wk_test")
                .maxBatchEvents(20).lingerMs(1).build();
        BatchingDataEyeClient client = BatchingDataEyeClient.builder(config).transport(collector).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            producers.add(pool.submit(() -> {
                int accepted = 0;
                try {
                    while (true) {
                        client.track(Event.track("tick").anonymousId("d").build());
                        accepted++;
                    }
                } catch (IllegalStateException closed) {
                    return accepted;
                }
            }));
        }
        Thread.sleep(100);

        client.close(Duration.ofSeconds(10));

        int accepted = 0;
        for (Future<Integer> p : producers) {
            accepted += p.get();
        }
        pool.shutdown();
        assertThat(accepted).isPositive();
        assertThat(collector.eventIdsSent()).hasSize(accepted);
        assertThat(client.metrics().sentEvents()).isEqualTo(accepted);
    }
}
