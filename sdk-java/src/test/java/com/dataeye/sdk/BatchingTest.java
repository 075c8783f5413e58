package com.dataeye.sdk;

import com.dataeye.sdk.support.FakeClock;
import com.dataeye.sdk.support.FakeTransport;
import com.dataeye.sdk.support.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** When batches leave, how big they are, and what flush and close wait for. */
class BatchingTest {

    private final FakeClock clock = new FakeClock();
    private final FakeTransport collector = new FakeTransport();
    private final List<DeliveryFailure> failures = new CopyOnWriteArrayList<>();
    private BatchingDataEyeClient client;

    private BatchingDataEyeClient client(DataEyeConfig.Builder config) {
        client = BatchingDataEyeClient.builder(config.build()).clock(clock).transport(collector).listener(failures::add).build();
        return client;
    }

    @AfterEach
    void close() {
        collector.release();
        client.close(Duration.ofSeconds(5));
    }

    private List<String> track(int n, String blob) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = Event.track("page_view").anonymousId("dev-1").property("n", i).property("blob", blob).build();
            client.track(e);
            ids.add(e.eventId());
        }
        return ids;
    }

    @Test
    void splitsBatchesAtByteLimit() {
        long limit = 33 * 1024;
        client(TestConfig.builder().maxBatchBytes(limit));

        List<String> ids = track(10, "x".repeat(10_000));
        client.flush();

        assertThat(collector.requests()).allSatisfy(r -> assertThat(r.json().length).isLessThanOrEqualTo((int) limit));
        assertThat(collector.requests()).extracting(r -> r.events().size()).containsExactly(3, 3, 3, 1);
        assertThat(collector.eventIdsSent()).isEqualTo(ids);
    }

    @Test
    void splitsBatchesAtMaxEvents() {
        client(TestConfig.builder().maxBatchEvents(200));

        List<String> ids = track(450, "");
        client.flush();

        assertThat(collector.requests()).extracting(r -> r.events().size()).containsExactly(200, 200, 50);
        assertThat(collector.eventIdsSent()).isEqualTo(ids);
    }

    @Test
    void sendsAFullBatchWithoutWaitingForLinger() {
        client(TestConfig.builder().maxBatchEvents(10));

        track(10, "");

        await().atMost(Duration.ofSeconds(5)).until(() -> collector.requests().size() == 1);
        assertThat(collector.requests().get(0).events()).hasSize(10);
    }

    @Test
    void sendsAPartialBatchOnceTheOldestEventHasLingered() throws InterruptedException {
        client(TestConfig.builder().lingerMs(5_000));

        track(3, "");
        clock.advance(Duration.ofMillis(4_999));
        TimeUnit.MILLISECONDS.sleep(50);
        assertThat(collector.requests()).isEmpty();
        clock.advance(Duration.ofMillis(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> collector.requests().size() == 1);
        assertThat(collector.requests().get(0).events()).hasSize(3);
    }

    @Test
    void flushWaitsUntilTheCollectorAnswers() throws Exception {
        client(TestConfig.builder());
        collector.hold();
        track(5, "");

        CompletableFuture<Void> flush = CompletableFuture.runAsync(client::flush);
        collector.awaitHeldRequest();
        TimeUnit.MILLISECONDS.sleep(50);
        assertThat(flush).isNotDone();
        assertThat(client.metrics().queuedEvents()).isEqualTo(5);
        collector.release();

        assertThat(flush).succeedsWithin(Duration.ofSeconds(5));
        assertThat(client.metrics().sentEvents()).isEqualTo(5);
        assertThat(client.metrics().queuedEvents()).isZero();
    }

    @Test
    void flushOnCloseSendsEverything() {
        client(TestConfig.builder().maxBatchEvents(100));
        List<String> ids = track(250, "");

        client.close();

        assertThat(collector.eventIdsSent()).isEqualTo(ids);
        ClientMetrics m = client.metrics();
        assertThat(m.sentEvents()).isEqualTo(250);
        assertThat(m.batches()).isEqualTo(3);
        assertThat(m.queuedEvents()).isZero();
        assertThatThrownBy(() -> track(1, "")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        client.close();
        client.flush();
        assertThat(collector.requests()).hasSize(3);
    }

    @Test
    void reportsWhatCloseCouldNotDeliverInTime() {
        client(TestConfig.builder().maxBatchEvents(2));
        collector.hold();
        List<String> ids = track(5, "");

        client.close(Duration.ofMillis(100));

        assertThat(failures).extracting(DeliveryFailure::eventId).containsExactlyElementsOf(ids);
        assertThat(failures).allSatisfy(f -> assertThat(f.code()).isEqualTo(DeliveryFailure.CLOSED));
        assertThat(client.metrics().failedEvents()).isEqualTo(5);
        assertThat(client.metrics().queuedEvents()).isZero();
    }
}
