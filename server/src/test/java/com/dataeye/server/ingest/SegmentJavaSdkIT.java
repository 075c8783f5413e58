package com.dataeye.server.ingest;

import com.dataeye.server.support.InProcessServer;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The unmodified official Segment Java SDK (com.segment.analytics.java:analytics) sending to DataEye. */
class SegmentJavaSdkIT extends InProcessServer {

    private List<JsonNode> eventsOf(String person) {
        List<JsonNode> out = new ArrayList<>();
        api().getAsSecretKey("/api/v1/projects/demo/events?person=" + person).body().path("events").forEach(out::add);
        return out;
    }

    @Test
    void officialJavaSdkBatchesAreStoredFieldByField() {
        String user = "segj-" + UUID.randomUUID();
        String anon = "anon-" + user;
        List<String> failures = new CopyOnWriteArrayList<>();
        Analytics analytics = Analytics.builder(api().writeKey).endpoint("http://localhost:" + port)
                .flushQueueSize(20).flushInterval(1, TimeUnit.SECONDS)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        // stored: checked below through the query API
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                        failures.add(message.type() + ": " + throwable);
                    }
                }).build();
        try {
            analytics.enqueue(IdentifyMessage.builder().anonymousId(anon).userId(user).traits(Map.of("plan", "pro")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user).messageId("mid-" + user)
                    .properties(Map.of("order_id", "o-" + user, "revenue", 39.9, "coupon", "D11"))
                    .context(Map.of("campaign", Map.of("source", "douyin", "medium", "social"))));
            analytics.enqueue(PageMessage.builder("Home").userId(user).properties(Map.of("url", "https://shop.example.cn/")));
            analytics.enqueue(AliasMessage.builder(anon + "-2").userId(user));
            analytics.flush();
        } finally {
            analytics.shutdown();
        }
        assertThat(failures).isEmpty();
        List<JsonNode> events = await().atMost(20, TimeUnit.SECONDS).until(() -> eventsOf(user), e -> e.size() >= 5);
        assertThat(events).extracting(e -> e.path("event").asString())
                .containsExactlyInAnyOrder("$identify", "$profile_set", "order_paid", "$pageview", "$identify");
        JsonNode order = events.stream().filter(e -> e.path("event").asString().equals("order_paid")).findFirst().orElseThrow();
        assertThat(order.path("event_id").asString()).isEqualTo("mid-" + user);
        assertThat(order.path("login_id").asString()).isEqualTo(user);
        assertThat(order.path("order_id").asString()).isEqualTo("o-" + user);
        assertThat(order.path("utm_source").asString()).isEqualTo("douyin");
        assertThat(order.path("lib").asString()).isEqualTo("analytics-java");
        assertThat(order.path("properties").path("coupon").asString()).isEqualTo("D11");
        assertThat(order.path("properties").path("revenue").asDouble()).isEqualTo(39.9);
        assertThat(order.path("amount").asDouble()).isEqualTo(39.9);
        JsonNode profile = events.stream().filter(e -> e.path("event").asString().equals("$profile_set")).findFirst().orElseThrow();
        assertThat(profile.path("properties").path("plan").asString()).isEqualTo("pro");
        JsonNode page = events.stream().filter(e -> e.path("event").asString().equals("$pageview")).findFirst().orElseThrow();
        assertThat(page.path("properties").path("name").asString()).isEqualTo("Home");
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("identify")))
                .extracting(e -> e.path("anonymous_id").asString()).containsExactlyInAnyOrder(anon, anon + "-2");
    }
}
