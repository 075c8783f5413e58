package com.dataeye.sdk;

import com.dataeye.sdk.support.FakeClock;
import com.dataeye.sdk.support.FakeTransport;
import com.dataeye.sdk.support.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What {@code send} does when the collector does not keep up: events hold their room until they
 * are acknowledged, so a batch stuck in flight keeps the buffer full.
 */
class FullBufferTest {

    private final FakeClock clock = new FakeClock();
    private final FakeTransport collector = new FakeTransport().hold();
    private BatchingDataEyeClient client;

    private static Event event(int i) {
        return Event.track("page_view").anonymousId("dev-" + i).build();
    }

    /** A client whose buffer holds two events, one of them in flight at a collector that does not answer. */
    private void fillBuffer(DataEyeConfig.Builder config) throws InterruptedException {
        client = BatchingDataEyeClient.builder(config.bufferMaxEvents(2).maxBatchEvents(1).build())
                .clock(clock).transport(collector).build();
        assertThat(client.track(event(1))).isTrue();
        collector.awaitHeldRequest();
        assertThat(client.track(event(2))).isTrue();
        assertThat(client.metrics().queuedEvents()).isEqualTo(2);
    }

    /**
     * Calls {@code track} on its own thread and returns once that thread is parked in the buffer,
     * so the test's clock moves only after the block began (a fixed sleep lost that race under load).
     */
    private CompletableFuture<Boolean> trackOnBlockedThread(Event event) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread sender = new Thread(() -> {
            try {
                result.complete(client.track(event));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "blocked-sender");
        sender.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> sender.getState() == Thread.State.WAITING
                || sender.getState() == Thread.State.TIMED_WAITING);
        assertThat(result).isNotDone();
        return result;
    }

    @AfterEach
    void close() {
        collector.release();
        client.close(Duration.ofSeconds(5));
    }

    @Test
    void blocksWhenBufferFullThenThrows() throws Exception {
        fillBuffer(TestConfig.builder().onFull(OnFull.BLOCK).maxBlockMs(5_000));

        CompletableFuture<Boolean> third = trackOnBlockedThread(event(3));
        assertThat(third).isNotDone();
        clock.advance(Duration.ofMillis(4_999));
        TimeUnit.MILLISECONDS.sleep(20);
        assertThat(third).isNotDone();
        clock.advance(Duration.ofMillis(1));

        assertThat(third).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(BufferFullException.class)
                .withMessageContaining("max.block.ms", "buffer.max.events 2");
        assertThat(client.metrics().blockedTime()).isEqualTo(Duration.ofMillis(5_000));
        assertThat(client.metrics().queuedEvents()).isEqualTo(2);
    }

    @Test
    void aBlockedSendProceedsWhenTheCollectorAnswers() throws Exception {
        fillBuffer(TestConfig.builder().onFull(OnFull.BLOCK).maxBlockMs(5_000));

        CompletableFuture<Boolean> third = trackOnBlockedThread(event(3));
        clock.advance(Duration.ofMillis(1_500));
        collector.release();

        assertThat(third).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
        client.flush();
        assertThat(client.metrics().sentEvents()).isEqualTo(3);
        assertThat(client.metrics().blockedTime()).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(5_000));
    }

    @Test
    void dropsNewestWhenConfiguredAndCounts() throws Exception {
        fillBuffer(TestConfig.builder().onFull(OnFull.DROP_NEWEST));

        assertThat(client.track(event(3))).isFalse();
        assertThat(client.track(event(4))).isFalse();

        assertThat(client.metrics().droppedEvents()).isEqualTo(2);
        assertThat(client.metrics().blockedTime()).isZero();
        collector.release();
        client.flush();
        assertThat(collector.requests()).hasSize(2);
        assertThat(client.metrics().sentEvents()).isEqualTo(2);
        assertThat(client.track(event(5))).isTrue();
    }

    @Test
    void capsMemoryByBytesToo() throws Exception {
        client = BatchingDataEyeClient.builder(TestConfig.builder().onFull(OnFull.DROP_NEWEST).bufferMaxBytes(32 * 1024)
                .build()).clock(clock).transport(collector).build();
        String tenKiB = "x".repeat(10 * 1024);

        int queued = 0;
        while (client.track(Event.track("upload").loginId("u").property("blob", tenKiB).build())) {
            queued++;
        }

        assertThat(queued).isEqualTo(3);
        assertThat(client.metrics().queuedBytes()).isLessThanOrEqualTo(32 * 1024);
        assertThat(client.metrics().droppedEvents()).isEqualTo(1);
    }

    @Test
    void refusesSendsOnceClosedAndWakesBlockedSenders() throws Exception {
        fillBuffer(TestConfig.builder().onFull(OnFull.BLOCK).maxBlockMs(60_000));
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> client.track(event(3)));
        TimeUnit.MILLISECONDS.sleep(50);

        CompletableFuture.runAsync(() -> client.close(Duration.ofMillis(200)));

        assertThat(blocked).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class).withMessageContaining("closed");
        await().atMost(Duration.ofSeconds(5)).until(() -> client.metrics().queuedEvents() == 0);
        assertThatThrownBy(() -> client.track(event(4))).isInstanceOf(IllegalStateException.class);
    }
}
