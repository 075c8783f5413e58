package com.dataeye.server.plan;

import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan applied by the collector: each unknown-policy, type violations, and replay of the quarantine. */
class IngestPolicyIT extends InProcessServer {

    private Shop shop;

    @BeforeEach
    void freshProject() {
        shop = Shop.create(port, api());
        shop.put("/plan/events/order_paid", """
                {"properties": [{"name": "amount", "type": "number", "required": true},
                                {"name": "payment_method", "type": "string", "allowed_values": ["wechat", "alipay"]}]}""");
    }

    private JsonNode stored(String event) {
        return shop.get("/events?event=" + event).body().path("events");
    }

    @Test
    void acceptPolicyStoresUnknownEventsAsTheyAre() {
        shop.put("/plan/policy", "{\"unknown_events\": \"accept\", \"unknown_properties\": \"accept\"}");
        assertThat(shop.track("{\"event\": \"coupon_used\", \"anonymous_id\": \"a1\"}").status()).isEqualTo(200);
        assertThat(stored("coupon_used").path(0).path("properties").has("$unplanned_event")).isFalse();
    }

    @Test
    void flagPolicyStoresUnknownsWithAFlag() {
        shop.put("/plan/policy", "{\"unknown_events\": \"flag\", \"unknown_properties\": \"flag\"}");
        shop.track("""
                [{"event": "coupon_used", "anonymous_id": "a1"},
                 {"event": "order_paid", "anonymous_id": "a1", "properties": {"amount": 9, "coupon": "NEW10"}}]""");
        assertThat(stored("coupon_used").path(0).path("properties").path("$unplanned_event").asBoolean()).isTrue();
        assertThat(stored("order_paid").path(0).path("properties").path("$unplanned_properties").get(0).asString()).isEqualTo("coupon");
    }

    @Test
    void quarantinePolicyRefusesUnknownsAndKeepsThemForReplay() {
        shop.put("/plan/policy", "{\"unknown_events\": \"quarantine\", \"unknown_properties\": \"quarantine\"}");
        Shop.Response r = shop.track("{\"event\": \"coupon_used\", \"anonymous_id\": \"a1\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("errors").path(0).path("code").asString()).isEqualTo("unplanned_event");
        assertThat(r.body().path("errors").path(0).path("quarantined").asBoolean()).isTrue();
        Shop.Response p = shop.track("{\"event\": \"order_paid\", \"anonymous_id\": \"a1\", \"properties\": {\"amount\": 1, \"coupon\": \"X\"}}");
        assertThat(p.body().path("errors").path(0).path("field").asString()).isEqualTo("properties.coupon");
        assertThat(shop.get("/quarantine?code=unplanned_event").body().path("events").size()).isEqualTo(1);
        assertThat(stored("coupon_used").size()).isZero();
    }

    @Test
    void typeViolationsAreQuarantinedWithFieldExpectedAndGot() {
        Shop.Response r = shop.track("""
                [{"event": "order_paid", "anonymous_id": "a1", "properties": {"amount": "39.9"}},
                 {"event": "order_paid", "anonymous_id": "a1", "properties": {"amount": 39.9, "payment_method": "paypal"}},
                 {"event": "order_paid", "anonymous_id": "a1", "properties": {"payment_method": "wechat"}},
                 {"event": "order_paid", "anonymous_id": "a1", "properties": {"amount": 39.9, "payment_method": "wechat"}}]""");
        assertThat(r.body().path("accepted").asLong()).isEqualTo(1);
        JsonNode errors = r.body().path("errors");
        assertThat(errors.path(0).path("code").asString()).isEqualTo("plan_type_mismatch");
        assertThat(errors.path(0).path("field").asString()).isEqualTo("properties.amount");
        assertThat(errors.path(0).path("message").asString()).isEqualTo("properties.amount: expected number, got string \"39.9\"");
        assertThat(errors.path(1).path("code").asString()).isEqualTo("plan_value_not_allowed");
        assertThat(errors.path(2).path("code").asString()).isEqualTo("missing_planned_property");
        JsonNode q = shop.get("/quarantine?code=plan_type_mismatch").body().path("events").path(0);
        assertThat(q.path("message").asString()).contains("expected number, got string");
    }

    @Test
    void replayAfterThePlanIsFixedStoresEachEventOnceWithItsOriginalTime() {
        // the plan says a number, the app sends the level as text: the plan was wrong
        shop.put("/plan/events/level_up", "{\"properties\": [{\"name\": \"level\", \"type\": \"number\", \"required\": true}]}");
        Instant happened = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        shop.track("[{\"event\": \"level_up\", \"anonymous_id\": \"a1\", \"timestamp\": \"" + happened + "\", \"properties\": {\"level\": \"7\"}},"
                + "{\"event\": \"level_up\", \"anonymous_id\": \"a2\", \"event_id\": \"own-id-1\", \"timestamp\": \"" + happened
                + "\", \"properties\": {\"level\": \"8\"}}]");
        assertThat(stored("level_up").size()).isZero();

        // still wrong: nothing replays, the reasons are reported, the quarantine keeps them
        JsonNode early = shop.post("/quarantine/replay", "{\"event\": \"level_up\"}").body();
        assertThat(early.path("replayed").asInt()).as(early.toString()).isZero();
        assertThat(early.path("still_failing").size()).as(early.toString()).isEqualTo(2);

        shop.put("/plan/events/level_up", "{\"properties\": [{\"name\": \"level\", \"type\": \"string\", \"required\": true}]}");
        JsonNode first = shop.post("/quarantine/replay", "{\"event\": \"level_up\"}").body();
        assertThat(first.path("replayed").asInt()).as(first.toString()).isEqualTo(2);
        JsonNode second = shop.post("/quarantine/replay", "{\"event\": \"level_up\"}").body();
        assertThat(second.path("considered").asInt()).isZero();
        assertThat(second.path("replayed").asInt()).isZero();

        JsonNode events = stored("level_up");
        assertThat(events.size()).isEqualTo(2);
        for (JsonNode e : events) {
            assertThat(Instant.parse(e.path("ts").asString())).isEqualTo(happened);
        }
        assertThat(events.findValuesAsString("event_id")).contains("own-id-1");
        // replayed events no longer count as quarantined in quality
        JsonNode quality = shop.get("/quality/events/level_up").body().path("quality");
        assertThat(quality.path("stored").asLong()).isEqualTo(2);
        assertThat(quality.path("quarantined").asLong()).isZero();
    }
}
