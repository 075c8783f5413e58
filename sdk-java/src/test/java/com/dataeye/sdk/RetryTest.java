package com.dataeye.sdk;

import com.dataeye.sdk.support.FakeClock;
import com.dataeye.sdk.support.FakeTransport;
import com.dataeye.sdk.support.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Which answers are retried, how long the client waits, and how failures are reported. */
class RetryTest {

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
        client.close(Duration.ofSeconds(5));
    }

    private List<String> trackThree() {
        return List.of(1, 2, 3).stream().map(i -> {
            Event e = Event.track("order_paid").loginId("user-" + i).property("amount", 9.9 * i).build();
            client.track(e);
            return e.eventId();
        }).toList();
    }

    @Test
    void retriesServerErrorsWithBackoffThenSucceeds() {
        collector.thenAnswer(500, "").thenAnswer(502, "<html>bad gateway</html>")
                .thenAnswer(503, "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}");
        client(TestConfig.builder());
        List<String> ids = trackThree();

        client.flush();

        assertThat(collector.requests()).hasSize(4).allSatisfy(r -> assertThat(r.eventIds()).isEqualTo(ids));
        assertThat(clock.sleeps()).containsExactly(100L, 200L, 400L);
        ClientMetrics m = client.metrics();
        assertThat(m.sentEvents()).isEqualTo(3);
        assertThat(m.retries()).isEqualTo(3);
        assertThat(m.failedEvents()).isZero();
        assertThat(m.batches()).isEqualTo(1);
        assertThat(failures).isEmpty();
    }

    @Test
    void retriesNetworkErrors() {
        collector.thenRefuseConnection().thenRefuseConnection();
        client(TestConfig.builder());
        trackThree();

        client.flush();

        assertThat(collector.requests()).hasSize(3);
        assertThat(client.metrics().sentEvents()).isEqualTo(3);
    }

    @Test
    void renewsSentAtOnEachAttempt() {
        collector.thenAnswer(503, "");
        client(TestConfig.builder());
        trackThree();

        client.flush();

        assertThat(collector.requests()).extracting(FakeTransport.Sent::sentAt)
                .containsExactly(FakeClock.START.toEpochMilli(), FakeClock.START.toEpochMilli() + 100);
    }

    @Test
    void doesNotRetryOn400() {
        collector.thenAnswer(400, """
                {"accepted":0,"duplicates":0,"rejected":3,"errors":[
                 {"index":0,"event_id":"a","code":"invalid_property_type","field":"properties.amount","message":"amount must be a number"},
                 {"index":1,"event_id":"b","code":"invalid_property_type","field":"properties.amount","message":"amount must be a number"},
                 {"index":2,"event_id":"c","code":"timestamp_too_old","field":"timestamp","message":"too old"}]}""");
        client(TestConfig.builder());
        List<String> ids = trackThree();

        client.flush();

        assertThat(collector.requests()).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(failures).extracting(DeliveryFailure::eventId, DeliveryFailure::code, DeliveryFailure::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ids.get(0), "invalid_property_type", "properties.amount"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(1), "invalid_property_type", "properties.amount"),
                        org.assertj.core.groups.Tuple.tuple(ids.get(2), "timestamp_too_old", "timestamp"));
        assertThat(client.metrics().failedEvents()).isEqualTo(3);
        assertThat(client.metrics().retries()).isZero();
    }

    @Test
    void failsEveryEventOfARequestRefusedForItsWriteKey() {
        collector.thenAnswer(401, "{\"error\":{\"code\":\"invalid_write_key\",\"message\":\"the write key is not valid\"}}");
        client(TestConfig.builder());
        trackThree();

        client.flush();

        assertThat(collector.requests()).hasSize(1);
        assertThat(failures).hasSize(3).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo("invalid_write_key");
            assertThat(f.event()).isEqualTo("order_paid");
            assertThat(f.message()).contains("HTTP 401", "the write key is not valid");
        });
    }

    @Test
    void honoursRetryAfter() {
        collector.thenAnswer(503, "{\"error\":{\"code\":\"overloaded\",\"message\":\"commit queue full\"}}", "Retry-After", "7")
                .thenAnswer(429, "", "Retry-After", "Wed, 25 Nov 2026 02:00:09 GMT");
        client(TestConfig.builder());
        trackThree();

        client.flush();

        // 7 s instead of the 100 ms backoff; then until the given date (02:00:07 → 02:00:09)
        assertThat(clock.sleeps()).containsExactly(7_000L, 2_000L);
        assertThat(collector.requests()).hasSize(3);
        assertThat(client.metrics().sentEvents()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxAttemptsAndReportsEachEvent() {
        for (int i = 0; i < 3; i++) {
            collector.thenAnswer(503, "{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}");
        }
        client(TestConfig.builder().retryMaxAttempts(3));
        List<String> ids = trackThree();

        client.flush();

        assertThat(collector.requests()).hasSize(3);
        assertThat(failures).extracting(DeliveryFailure::eventId).isEqualTo(ids);
        assertThat(failures).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo(DeliveryFailure.RETRIES_EXHAUSTED);
            assertThat(f.message()).contains("3 attempts", "HTTP 503 overloaded: busy");
        });
        assertThat(client.metrics().retries()).isEqualTo(2);
        assertThat(client.metrics().failedEvents()).isEqualTo(3);
        assertThat(client.metrics().queuedEvents()).isZero();
    }

    @Test
    void reportsEventsRefusedWithinAnAcceptedBatch() {
        collector.thenAnswer(200, """
                {"accepted":2,"duplicates":0,"rejected":1,"errors":[
                 {"index":1,"event_id":"x","code":"invalid_event_name","field":"event","message":"names are 1–100 characters"}]}""");
        client(TestConfig.builder());
        List<String> ids = trackThree();

        client.flush();

        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.eventId()).isEqualTo(ids.get(1));
            assertThat(f.code()).isEqualTo("invalid_event_name");
        });
        assertThat(client.metrics().sentEvents()).isEqualTo(2);
        assertThat(client.metrics().failedEvents()).isEqualTo(1);
    }

    @Test
    void keepsSendingWhenTheListenerThrows() {
        collector.thenAnswer(401, "{\"error\":{\"code\":\"invalid_write_key\",\"message\":\"no\"}}");
        client = BatchingDataEyeClient.builder(TestConfig.builder().build()).clock(clock).transport(collector)
                .listener(f -> {
                    throw new IllegalStateException("a buggy listener");
                }).build();
        trackThree();
        client.flush();
        trackThree();

        client.flush();

        assertThat(client.metrics().failedEvents()).isEqualTo(3);
        assertThat(client.metrics().sentEvents()).isEqualTo(3);
    }
}
