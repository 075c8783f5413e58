package com.dataeye.server.ingest;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Segment's HTTP tracking API, as Segment's SDKs send it, stored as native events. */
class SegmentIT extends InProcessServer {

    private Api.Response segment(String path, String body) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((api().writeKey + ":").getBytes(StandardCharsets.UTF_8));
        return api().post(path, body.getBytes(StandardCharsets.UTF_8), "Authorization", basic);
    }

    private List<JsonNode> eventsOf(String person) {
        List<JsonNode> out = new ArrayList<>();
        api().getAsSecretKey("/api/v1/projects/demo/events?person=" + person).body().path("events").forEach(out::add);
        return out;
    }

    @Test
    void trackWithContextIsStoredWithItsColumns() {
        String user = "seg-" + UUID.randomUUID();
        Api.Response r = segment("/v1/track", """
                {"userId":"%s","event":"Order Completed","messageId":"m-%s","timestamp":"2026-11-25T02:00:00.000Z",
                 "properties":{"order_id":"o-77","revenue":39.9,"products":[{"product_id":"lut-v2","price":39.9}]},
                 "context":{"library":{"name":"analytics-node","version":"2.1.0"},"ip":"203.0.113.9",
                            "page":{"url":"https://shop.example.cn/checkout","title":"结算","referrer":"https://www.douyin.com/"},
                            "campaign":{"source":"douyin","medium":"social","name":"double11"}}}""".formatted(user, user));
        assertThat(r.status()).isEqualTo(200);
        JsonNode e = eventsOf(user).get(0);
        assertThat(e.path("event").asString()).isEqualTo("order_paid"); // the spec's order is ours
        assertThat(e.path("properties").path("segment_event").asString()).isEqualTo("Order Completed");
        assertThat(e.path("product_id").asString()).isEqualTo("lut-v2"); // the order's one product
        assertThat(e.path("login_id").asString()).isEqualTo(user);
        assertThat(e.path("event_id").asString()).isEqualTo("m-" + user);
        assertThat(e.path("order_id").asString()).isEqualTo("o-77");
        assertThat(e.path("amount").asDouble()).isEqualTo(39.9); // Segment's "revenue" is our amount
        assertThat(e.path("properties").path("revenue").asDouble()).isEqualTo(39.9);
        assertThat(e.path("url").asString()).isEqualTo("https://shop.example.cn/checkout");
        assertThat(e.path("title").asString()).isEqualTo("结算");
        assertThat(e.path("utm_source").asString()).isEqualTo("douyin");
        assertThat(e.path("utm_campaign").asString()).isEqualTo("double11");
        assertThat(e.path("channel").asString()).isEqualTo("short_video");
        assertThat(e.path("lib").asString()).isEqualTo("analytics-node");
        assertThat(e.path("ip").asString()).isEqualTo("203.0.113.0");
        assertThat(e.path("ts").asString()).isEqualTo("2026-11-25T02:00:00Z");
        assertThat(e.path("properties").path("products").path(0).path("product_id").asString()).isEqualTo("lut-v2");
    }

    @Test
    void batchOfPageIdentifyAndTrackIsOnePerson() {
        String t = UUID.randomUUID().toString();
        Api.Response r = segment("/v1/batch", """
                {"batch":[
                  {"type":"page","anonymousId":"a-%1$s","name":"LUT pack","properties":{"url":"https://shop.example.cn/p/lut"}},
                  {"type":"identify","anonymousId":"a-%1$s","userId":"u-%1$s","traits":{"plan":"vip","name":"小张"}},
                  {"type":"track","userId":"u-%1$s","event":"Product Added","properties":{"product_id":"lut-v2"}}],
                 "context":{"library":{"name":"analytics.js","version":"4.1"}}}""".formatted(t));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(4);
        List<String> names = eventsOf("u-" + t).stream().map(e -> e.path("event").asString()).toList();
        assertThat(names).containsExactlyInAnyOrder("$pageview", "$identify", "$profile_set", "add_to_cart");
    }

    @Test
    void specEventsLightUpRevenueAnalysesAndOtherNamesStayAsSent() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        Api.Response r = segment("/v1/batch", """
                {"batch":[
                  {"type":"track","userId":"s-%1$s","event":"Order Completed","timestamp":"2026-11-24T02:00:00Z",
                   "properties":{"order_id":"o1-%1$s","revenue":30,"products":[{"product_id":"a"},{"product_id":"b"}]}},
                  {"type":"track","userId":"s-%1$s","event":"Order Refunded","timestamp":"2026-11-24T03:00:00Z",
                   "properties":{"order_id":"o1-%1$s","total":10}},
                  {"type":"track","userId":"s-%1$s","event":"Coupon Wheel Spun %1$s","timestamp":"2026-11-24T04:00:00Z"}]}""".formatted(t));
        assertThat(r.body().path("accepted").asInt()).isEqualTo(3);
        List<JsonNode> events = eventsOf("s-" + t);
        JsonNode order = events.stream().filter(e -> e.path("event").asString().equals("order_paid")).findFirst().orElseThrow();
        assertThat(order.path("amount").asDouble()).isEqualTo(30.0);
        assertThat(order.path("product_id").isMissingNode() || order.path("product_id").isNull()).isTrue(); // two products: no single id
        assertThat(events).extracting(e -> e.path("event").asString())
                .containsExactlyInAnyOrder("order_paid", "order_refunded", "Coupon Wheel Spun " + t);
        // the revenue trend sums the Segment order: its revenue is the amount of order_paid
        Api.Response trend = api().post("/api/v1/projects/demo/query/trend", ("{\"event\":\"order_paid\",\"from\":\"2026-11-24\",\"to\":\"2026-11-24\","
                + "\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},"
                + "\"filters\":[{\"property\":\"order_id\",\"op\":\"eq\",\"value\":\"o1-" + t + "\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey);
        assertThat(trend.status()).isEqualTo(200);
        assertThat(trend.body().path("series").path(0).path("total").asDouble()).isEqualTo(30.0);
    }

    @Test
    void aRetriedMessageIsStoredOnce() {
        String body = "{\"userId\":\"u\",\"event\":\"Signed Up\",\"messageId\":\"m-" + UUID.randomUUID() + "\"}";
        assertThat(segment("/v1/track", body).body().path("accepted").asInt()).isEqualTo(1);
        Api.Response retry = segment("/v1/track", body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void aliasLinksThePreviousId() {
        String t = UUID.randomUUID().toString();
        segment("/v1/track", "{\"anonymousId\":\"old-" + t + "\",\"event\":\"Viewed\"}");
        segment("/v1/alias", "{\"previousId\":\"old-" + t + "\",\"userId\":\"new-" + t + "\"}");
        assertThat(eventsOf("new-" + t)).extracting(e -> e.path("event").asString()).contains("Viewed");
    }

    @Test
    void unknownEndpointAndWrongKeyAreRefused() {
        assertThat(segment("/v1/teleport", "{}").status()).isEqualTo(404);
        assertThat(segment("/v1/teleport", "{}").body().path("error").path("code").asString()).isEqualTo("unknown_endpoint");
        Api.Response wrong = api().post("/v1/track", "{\"userId\":\"u\",\"event\":\"x\"}".getBytes(), "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("wk_wrong:".getBytes()));
        assertThat(wrong.status()).isEqualTo(401);
    }
}
