package com.dataeye.sdk;

import com.dataeye.sdk.internals.EventSerializer;
import com.dataeye.sdk.support.FakeClock;
import com.dataeye.sdk.support.FakeTransport;
import com.dataeye.sdk.support.TestConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests as docs/api/collector.md describes them. */
class WireFormatTest {

    private final FakeClock clock = new FakeClock();
    private final FakeTransport collector = new FakeTransport();
    private BatchingDataEyeClient client;

    private BatchingDataEyeClient client(DataEyeConfig.Builder config) {
        client = BatchingDataEyeClient.builder(config.build()).clock(clock).transport(collector).build();
        return client;
    }

    @AfterEach
    void close() {
        client.close(Duration.ofSeconds(5));
    }

    @Test
    void gzipBodyDecodesToTheSameBatch() {
        client(TestConfig.builder());
        Event paid = Event.track("order_paid").loginId("user-42").property("order_id", "o-1001").property("amount", 39.9)
                .property("items", List.of("lut-pack-v2", "preset-7")).build();
        client.track(paid);
        client.identify("dev-1", "user-42");

        client.flush();

        FakeTransport.Sent sent = collector.requests().get(0);
        long start = FakeClock.START.toEpochMilli();
        assertThat(sent.request().uri()).isEqualTo(URI.create("http://collector.test:8080/api/v1/events"));
        assertThat(sent.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("X-Write-Key")).isEqualTo("wk_test");
        assertThat(sent.request().body().length).isLessThan(sent.json().length);
        assertThat(sent.sentAt()).isEqualTo(FakeClock.START.toEpochMilli());
        JsonNode expected = FakeTransport.JSON.readTree("""
                [{"type":"track","event":"order_paid","event_id":"%s","login_id":"user-42","timestamp":%d,
                  "lib":"dataeye-java","lib_version":"%s","properties":{"order_id":"o-1001","amount":39.9,"items":["lut-pack-v2","preset-7"]}},
                 {"type":"identify","event_id":"%s","anonymous_id":"dev-1","login_id":"user-42","timestamp":%d,
                  "lib":"dataeye-java","lib_version":"%s"}]""".formatted(paid.eventId(), start, EventSerializer.LIB_VERSION,
                sent.eventIds().get(1), start, EventSerializer.LIB_VERSION));
        assertThat(sent.body().path("batch")).isEqualTo(expected);
    }

    @Test
    void sendsPlainJsonWhenGzipIsOff() {
        client(TestConfig.builder().gzip(false));
        client.track(Event.track("page_view").anonymousId("dev-1").build());

        client.flush();

        FakeTransport.Sent sent = collector.requests().get(0);
        assertThat(sent.header("Content-Encoding")).isNull();
        assertThat(sent.request().body()).isEqualTo(sent.json());
    }

    @Test
    void everyEventGetsItsOwnIdAndTheClocksTimestampUnlessGiven() {
        client(TestConfig.builder());
        clock.advance(Duration.ofMillis(1_234));
        client.track(Event.track("a").loginId("u").build());
        client.track(Event.track("a").loginId("u").build());
        client.track(Event.track("b").loginId("u").eventId("pay-o-1001").timestamp(Instant.parse("2026-11-24T09:30:00Z")).build());

        client.flush();

        List<JsonNode> events = collector.requests().get(0).events();
        assertThat(events.get(0).path("event_id").asString()).hasSize(36).isNotEqualTo(events.get(1).path("event_id").asString());
        assertThat(events.get(0).path("timestamp").asLong()).isEqualTo(FakeClock.START.toEpochMilli() + 1_234);
        assertThat(events.get(2).path("event_id").asString()).isEqualTo("pay-o-1001");
        assertThat(events.get(2).path("timestamp").asLong()).isEqualTo(Instant.parse("2026-11-24T09:30:00Z").toEpochMilli());
    }

    @Test
    void writesEveryEventTypeAsTheCollectorExpects() {
        client(TestConfig.builder());
        client.profileSet("user-42", Map.of("plan", "pro"));
        client.profileSetOnce("user-42", Map.of("first_channel", "douyin"));
        client.profileIncrement("user-42", Map.of("orders", 1));
        client.profileUnset("user-42", "coupon", "trial_end");
        client.profileDelete("user-42");
        client.itemSet("lut-pack-v2", Map.of("category", "luts", "price", 39.9));

        client.flush();

        List<JsonNode> events = collector.requests().get(0).events();
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("profile_set", "profile_set_once",
                "profile_increment", "profile_unset", "profile_delete", "item_set");
        assertThat(events).allSatisfy(e -> assertThat(e.has("event")).isFalse());
        assertThat(events.get(2).path("properties").path("orders").asInt()).isEqualTo(1);
        assertThat(events.get(3).path("properties").toString()).isEqualTo("{\"coupon\":true,\"trial_end\":true}");
        assertThat(events.get(5).path("item_id").asString()).isEqualTo("lut-pack-v2");
        assertThat(events.get(5).path("distinct_id").asString()).isEqualTo("lut-pack-v2");
    }

    @Test
    void refusesAnEventOver32KiBBeforeQueuingIt() {
        client(TestConfig.builder());
        EventSerializer serializer = new EventSerializer();
        Event probe = Event.track("upload").loginId("u").eventId("e-1").timestamp(FakeClock.START).property("blob", "").build();
        int filler = EventTooLargeException.MAX_EVENT_BYTES - serializer.toJson(probe).length;
        Event atTheLimit = Event.track("upload").loginId("u").eventId("e-1").property("blob", "x".repeat(filler)).build();
        Event overTheLimit = Event.track("upload").loginId("u").eventId("e-2").property("blob", "x".repeat(filler + 1)).build();

        assertThat(client.track(atTheLimit)).isTrue();
        assertThatThrownBy(() -> client.track(overTheLimit)).isInstanceOf(EventTooLargeException.class)
                .hasMessageContaining("e-2").hasMessageContaining("32769 bytes");
        client.flush();

        assertThat(collector.requests().get(0).eventIds()).containsExactly("e-1");
        assertThat(client.metrics().failedEvents()).isZero();
    }

    @Test
    void refusesPropertiesThatAreNotJson() {
        client(TestConfig.builder());
        Event odd = Event.track("x").loginId("u").property("thread", new Object()).build();

        assertThatThrownBy(() -> client.track(odd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written as JSON");
        assertThat(client.metrics().queuedEvents()).isZero();
    }
}
