package com.dataeye.server.quality;

import com.dataeye.server.plan.Shop;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-event quality: volume, quarantine share and reasons, fill rates, type drift, SDK versions. */
class EventQualityIT extends InProcessServer {

    private static JsonNode property(JsonNode quality, String name) {
        for (JsonNode p : quality.path("properties")) {
            if (p.path("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no property " + name + " in " + quality);
    }

    @Test
    void reportsFillRatesTypeDriftQuarantineReasonsAndLibraries() {
        Shop shop = Shop.create(port, api());
        shop.track("""
                [{"event": "search", "anonymous_id": "a1", "lib": "js", "lib_version": "1.2.0", "properties": {"keyword": "lut", "result_count": 12}},
                 {"event": "search", "anonymous_id": "a2", "lib": "js", "lib_version": "1.3.0", "properties": {"keyword": "font", "result_count": "7"}},
                 {"event": "search", "anonymous_id": "a3", "lib": "miniprogram", "lib_version": "0.9.1", "properties": {"keyword": "icons"}},
                 {"event": "search", "anonymous_id": "a4", "properties": {"keyword": "ppt"}}]""");
        shop.put("/plan/events/search", "{\"properties\": [{\"name\": \"keyword\", \"type\": \"string\", \"required\": true}]}");
        shop.track("{\"event\": \"search\", \"anonymous_id\": \"a5\", \"properties\": {\"keyword\": 5}}");

        Shop.Response r = shop.get("/quality/events/search");
        assertThat(r.status()).isEqualTo(200);
        JsonNode q = r.body().path("quality");
        assertThat(q.path("stored").asLong()).isEqualTo(4);
        assertThat(q.path("quarantined").asLong()).isEqualTo(1);
        assertThat(q.path("quarantined_share").asDouble()).isEqualTo(0.2);
        assertThat(q.path("reasons").path(0).path("code").asString()).isEqualTo("plan_type_mismatch");
        assertThat(q.path("reasons").path(0).path("field").asString()).isEqualTo("properties.keyword");
        assertThat(property(q, "keyword").path("fill_rate").asDouble()).isEqualTo(1.0);
        JsonNode count = property(q, "result_count");
        assertThat(count.path("fill_rate").asDouble()).isEqualTo(0.5);
        assertThat(count.path("drift").asBoolean()).isTrue();
        assertThat(count.path("types").findValuesAsString("type")).containsExactlyInAnyOrder("number", "string");
        assertThat(q.path("libs").findValuesAsString("lib_version")).contains("1.3.0", "1.2.0", "0.9.1");
        assertThat(q.path("days").path(0).path("stored").asLong()).isEqualTo(4);
    }
}
