package com.dataeye.server.segments;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Segments and associations over HTTP, on what the collector stored. */
class SegmentsApiIT extends InProcessServer {

    private static final String BASE = "/api/v1/projects/demo";

    private Api.Response call(String method, String path, String json) {
        return api().request(method, BASE + path, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + api().secretKey);
    }

    private static String event(String name, String login, String time, String props) {
        return "{\"event\":\"" + name + "\",\"login_id\":\"" + login + "\",\"timestamp\":\"2026-11-20T" + time + "+08:00\",\"properties\":" + props + "}";
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void savesEvaluatesExportsAndExplainsASegment() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String whale = "whale-" + t;
        String viewer = "viewer-" + t;
        assertThat(api().postEvents("[" + event("visit_" + t, whale, "10:00:00", "{}") + "," + event("visit_" + t, viewer, "10:00:00", "{}") + ","
                + event("order_paid", whale, "10:05:00", "{\"order_id\":\"o-" + t + "\",\"product_id\":\"p-" + t + "\",\"amount\":1200}") + "]")
                .status()).isEqualTo(200);
        String id = "buyers-" + t;
        Api.Response created = call("POST", "/segments", "{\"id\":\"" + id + "\",\"name\":\"Visitors who spent\",\"definition\":{\"and\":["
                + "{\"type\":\"event\",\"event\":\"visit_" + t + "\"},{\"type\":\"rfm\",\"monetary\":{\"op\":\"gte\",\"value\":100}}]}}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("kind").asString()).isEqualTo("dynamic");

        assertThat(call("GET", "/segments/" + id + "/size?as_of=2026-11-25", null).body().path("persons").asLong()).isEqualTo(1);
        Api.Response csv = call("GET", "/segments/" + id + "/members?format=csv&as_of=2026-11-25", null);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(new String(csv.raw().body(), StandardCharsets.UTF_8)).isEqualTo("person_id\n" + whale + "\n");

        Api.Response sizes = call("POST", "/segments/" + id + "/sizes?from=2026-11-19&to=2026-11-21", null);
        assertThat(sizes.status()).isEqualTo(200);
        Api.Response stored = call("GET", "/segments/" + id + "/sizes?from=2026-11-01&to=2026-11-30", null);
        assertThat(stored.body().path("sizes").findValues("persons")).extracting(JsonNode::asLong).containsExactly(0L, 1L, 1L);

        JsonNode memberships = call("GET", "/persons/" + whale + "/segments?as_of=2026-11-25", null).body().path("segments");
        JsonNode mine = null;
        JsonNode whales = null;
        for (JsonNode m : memberships) {
            if (m.path("segment").asString().equals(id)) {
                mine = m;
            }
            if (m.path("segment").asString().equals("whales")) {
                whales = m;
            }
        }
        assertThat(mine.path("member").asBoolean()).isTrue();
        assertThat(mine.path("conditions").path(1).path("values").path("net_spend").asDouble()).isEqualTo(1200.0);
        assertThat(whales.path("member").asBoolean()).isTrue();

        // any analysis takes "person in segment S" as a filter
        String trend = "{\"event\":\"visit_" + t + "\",\"from\":\"2026-11-20\",\"to\":\"2026-11-20\",\"measure\":{\"type\":\"persons\"},"
                + "\"filters\":[{\"on\":\"segment\",\"op\":\"%s\",\"value\":\"%s\"}]}";
        Api.Response inSegment = call("POST", "/query/trend", trend.formatted("in", id));
        assertThat(inSegment.status()).as(inSegment.body().toString()).isEqualTo(200);
        assertThat(inSegment.body().path("series").path(0).path("total").asDouble()).isEqualTo(1.0);
        assertThat(call("POST", "/query/trend", trend.formatted("not_in", id)).body().path("series").path(0).path("total").asDouble()).isEqualTo(1.0);
        Api.Response unknown = call("POST", "/query/trend", trend.formatted("in", "no-such-segment"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("error").path("field").asString()).isEqualTo("filters[0].value");

        Api.Response bad = call("PUT", "/segments/" + id, "{\"definition\":{\"and\":[{\"type\":\"event\",\"evnt\":\"x\"}]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("field").asString()).isEqualTo("definition.and[0].evnt");

        assertThat(call("DELETE", "/segments/" + id, null).status()).isEqualTo(204);
        assertThat(call("GET", "/segments/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theListShowsStoredSizesWhileTheyHoldAndDropsThemWhenOldEventsArriveOrTheRuleChanges() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        assertThat(api().postEvents("[" + event("read_" + t, "reader-a-" + t, "09:00:00", "{}") + "]").status()).isEqualTo(200);
        String id = "readers-" + t;
        assertThat(call("POST", "/segments", "{\"id\":\"" + id + "\",\"name\":\"Readers\",\"definition\":"
                + "{\"type\":\"event\",\"event\":\"read_" + t + "\"}}").status()).isEqualTo(201);
        assertThat(call("GET", "/segments", null).body().path("latest_sizes").has(id)).as("nothing stored yet").isFalse();

        assertThat(call("POST", "/segments/" + id + "/sizes?from=2026-11-21", null).status()).isEqualTo(200);
        JsonNode stored = call("GET", "/segments", null).body().path("latest_sizes").path(id);
        assertThat(stored.path("date").asString()).isEqualTo("2026-11-21");
        assertThat(stored.path("persons").asLong()).isEqualTo(1);
        assertThat(stored.path("computed_at").asString()).isNotBlank();

        // an event of an earlier day arrives (an import of history): the stored count no longer holds
        assertThat(api().postEvents("[" + event("read_" + t, "reader-b-" + t, "11:00:00", "{}") + "]").status()).isEqualTo(200);
        // (the loader brings posted events into the store within a second or so)
        org.awaitility.Awaitility.await("stale after a late event").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> !call("GET", "/segments", null).body().path("latest_sizes").has(id));
        assertThat(call("POST", "/segments/" + id + "/sizes?from=2026-11-21", null).body().path("sizes").path(0).path("persons").asLong())
                .isEqualTo(2);
        assertThat(call("GET", "/segments", null).body().path("latest_sizes").path(id).path("persons").asLong()).isEqualTo(2);

        // a changed rule: stored sizes were of the old one
        assertThat(call("PUT", "/segments/" + id, "{\"definition\":{\"type\":\"event\",\"event\":\"read_" + t
                + "\",\"count\":{\"op\":\"gte\",\"value\":2}}}").status()).isEqualTo(200);
        assertThat(call("GET", "/segments", null).body().path("latest_sizes").has(id)).as("stale after a rule change").isFalse();
    }

    @Test
    void savesAFunnelsDropOffAsAStaticSegmentAndTakesUploadedLists() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[" + event("look_" + t, "a-" + t, "09:00:00", "{}") + "," + event("look_" + t, "b-" + t, "09:00:00", "{}") + ","
                + event("look_" + t, "c-" + t, "09:00:00", "{}") + "," + event("pay_" + t, "a-" + t, "09:10:00", "{}") + "]");
        String funnel = "{\"steps\":[{\"event\":\"look_" + t + "\"},{\"event\":\"pay_" + t + "\"}],\"window\":\"1d\",\"from\":\"2026-11-20\",\"to\":\"2026-11-20\"}";
        Api.Response created = call("POST", "/segments", "{\"name\":\"Dropped before paying\",\"kind\":\"static\",\"from_funnel\":{\"query\":" + funnel + ",\"step\":2}}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("id").asString();
        assertThat(texts(call("GET", "/segments/" + id + "/members", null).body().path("persons"))).containsExactly("b-" + t, "c-" + t);

        Api.Response upload = api().request("PUT", BASE + "/segments/" + id + "/members", "text/csv",
                "person_id\nx-1\nx-2\nx-1\n".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + api().secretKey);
        assertThat(upload.status()).isEqualTo(200);
        assertThat(texts(call("GET", "/segments/" + id + "/members", null).body().path("persons"))).containsExactly("x-1", "x-2");
        // a dynamic segment may refer to the list
        Api.Response preview = call("POST", "/segments/preview", "{\"definition\":{\"not\":{\"type\":\"segment\",\"id\":\"" + id + "\"}},\"as_of\":\"2026-11-25\"}");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().path("persons").asLong()).isPositive();
    }

    @Test
    void aBuiltInRuleCanBeTunedAndReset() {
        Api.Response tuned = call("PUT", "/segments/churned", "{\"definition\":{\"type\":\"activity\",\"last_seen_days_ago\":{\"op\":\"gte\",\"value\":60}}}");
        assertThat(tuned.status()).isEqualTo(200);
        assertThat(tuned.body().path("tuned").asBoolean()).isTrue();
        assertThat(tuned.body().path("definition").path("last_seen_days_ago").path("value").asInt()).isEqualTo(60);
        assertThat(tuned.body().path("default_definition").path("last_seen_days_ago").path("value").asInt()).isEqualTo(30);
        assertThat(call("DELETE", "/segments/churned", null).status()).isEqualTo(204);
        assertThat(call("GET", "/segments/churned", null).body().path("tuned").asBoolean()).isFalse();
        Api.Response cycle = call("PUT", "/segments/whales", "{\"definition\":{\"not\":{\"type\":\"segment\",\"id\":\"observers\"}}}");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.body().path("error").path("message").asString()).contains("refers back to itself");
    }

    @Test
    void associationsOverHttp() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            String person = "buyer" + i + "-" + t;
            b.append(i == 0 ? "" : ",").append(event("order_paid", person, "11:00:00", "{\"order_id\":\"ord" + i + t + "\",\"product_id\":\"lut-" + t + "\",\"amount\":10}"));
            if (i < 3) {
                b.append(",").append(event("order_paid", person, "11:00:01", "{\"order_id\":\"ord" + i + t + "\",\"product_id\":\"img-" + t + "\",\"amount\":20}"));
            }
        }
        api().postEvents(b.append("]").toString());
        Api.Response r = call("POST", "/query/associations", "{\"from\":\"2026-11-20\",\"to\":\"2026-11-20\",\"min_count\":3,\"limit\":1000}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        JsonNode rule = null;
        for (JsonNode x : r.body().path("rules")) {
            if (x.path("antecedent").path(0).asString().equals("lut-" + t) && x.path("consequent").asString().equals("img-" + t)) {
                rule = x;
            }
        }
        assertThat(rule.path("count").asLong()).isEqualTo(3);
        assertThat(rule.path("confidence").asDouble()).isEqualTo(0.75);
        assertThat(rule.path("statement").asString()).startsWith("75.0% of orders with lut-" + t + " also contain img-" + t);
        Api.Response bad = call("POST", "/query/associations", "{\"from\":\"2026-11-20\",\"to\":\"2026-11-20\",\"scope\":\"basket\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("field").asString()).isEqualTo("scope");
    }

    @Test
    void theWriteKeyCannotReadSegments() {
        assertThat(api().get(BASE + "/segments", "Bearer " + api().writeKey).status()).isEqualTo(401);
        assertThat(api().get(BASE + "/segments", null).status()).isEqualTo(401);
    }
}
