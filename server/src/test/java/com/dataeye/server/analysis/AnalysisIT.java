package com.dataeye.server.analysis;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis API over HTTP: what the collector stored is what the trend counts. */
class AnalysisIT extends InProcessServer {

    private Api.Response trend(String json, String auth) {
        return api().post("/api/v1/projects/demo/query/trend", json.getBytes(StandardCharsets.UTF_8), "Authorization", auth);
    }

    @Test
    void trendCountsWhatWasCollected() {
        String name = "trend_" + UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[{\"event\":\"" + name + "\",\"anonymous_id\":\"a\",\"timestamp\":\"2026-11-20T10:00:00+08:00\",\"properties\":{\"amount\":10,\"payment_method\":\"wechat\"}},"
                + "{\"event\":\"" + name + "\",\"anonymous_id\":\"b\",\"timestamp\":\"2026-11-21T10:00:00+08:00\",\"properties\":{\"amount\":30,\"payment_method\":\"card\"}},"
                + "{\"event\":\"" + name + "\",\"anonymous_id\":\"b\",\"timestamp\":\"2026-11-21T11:00:00+08:00\",\"properties\":{\"amount\":5,\"payment_method\":\"card\"}}]");
        Api.Response r = trend("{\"event\":\"" + name + "\",\"from\":\"2026-11-20\",\"to\":\"2026-11-21\",\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},"
                + "\"breakdown\":{\"property\":\"payment_method\"}}", "Bearer " + api().secretKey);
        assertThat(r.status()).isEqualTo(200);
        JsonNode series = r.body().path("series");
        assertThat(series.path(0).path("group").asString()).isEqualTo("card");
        assertThat(series.path(0).path("values").path(1).asDouble()).isEqualTo(35.0);
        assertThat(series.path(1).path("group").asString()).isEqualTo("wechat");
        assertThat(series.path(1).path("total").asDouble()).isEqualTo(10.0);
        assertThat(r.body().path("buckets").path(0).asString()).isEqualTo("2026-11-20");
    }

    @Test
    void anInvalidQueryNamesItsFieldAndTheWriteKeyCannotQuery() {
        Api.Response bad = trend("{\"event\":\"x\",\"from\":\"2026-11-20\",\"to\":\"2026-11-21\",\"breakdown\":{\"property\":\"a'; DROP TABLE events;--\"}}",
                "Bearer " + api().secretKey);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("code").asString()).isEqualTo("invalid_query");
        assertThat(bad.body().path("error").path("field").asString()).isEqualTo("breakdown.property");
        assertThat(trend("{\"event\":\"x\",\"from\":\"2026-11-20\",\"to\":\"2026-11-21\"}", "Bearer " + api().writeKey).status()).isEqualTo(401);
    }

    @Test
    void funnelOverHttpMatchesWhatWasSentAndExportsTheDropOff() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String v = "view_" + t;
        String c = "confirm_" + t;
        String p = "paid_" + t;
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            String who = "\"anonymous_id\":\"f" + i + "-" + t + "\"";
            batch.append(i == 0 ? "" : ",").append("{\"event\":\"").append(v).append("\",").append(who).append(",\"timestamp\":\"2026-11-20T10:00:00+08:00\"}");
            if (i < 6) {
                batch.append(",{\"event\":\"").append(c).append("\",").append(who).append(",\"timestamp\":\"2026-11-20T10:01:00+08:00\",\"properties\":{\"payment_method\":\"")
                        .append(i % 2 == 0 ? "wechat_pay" : "bank_card").append("\"}}");
            }
            if (i < 2) {
                batch.append(",{\"event\":\"").append(p).append("\",").append(who).append(",\"timestamp\":\"2026-11-20T10:02:00+08:00\"}");
            }
        }
        api().postEvents(batch.append("]").toString());
        String funnel = "{\"steps\":[{\"event\":\"" + v + "\"},{\"event\":\"" + c + "\"},{\"event\":\"" + p + "\"}],\"window\":\"1h\","
                + "\"from\":\"2026-11-20\",\"to\":\"2026-11-20\"}";
        Api.Response r = api().post("/api/v1/projects/demo/query/funnel", funnel.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + api().secretKey);
        assertThat(r.status()).isEqualTo(200);
        JsonNode steps = r.body().path("groups").path(0).path("steps");
        assertThat(steps.path(0).path("persons").asLong()).isEqualTo(10);
        assertThat(steps.path(1).path("persons").asLong()).isEqualTo(6);
        assertThat(steps.path(2).path("persons").asLong()).isEqualTo(2);
        assertThat(steps.path(2).path("dropped_here").asLong()).isEqualTo(4);
        assertThat(steps.path(1).path("median_seconds").asDouble()).isEqualTo(60.0);
        Api.Response csv = api().post("/api/v1/projects/demo/query/funnel/dropped?step=3&format=csv", funnel.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(new String(csv.raw().body(), StandardCharsets.UTF_8).lines().toList())
                .containsExactly("person_id", "f2-" + t, "f3-" + t, "f4-" + t, "f5-" + t);
    }

    @Test
    void retentionOverHttp() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[{\"event\":\"join_" + t + "\",\"anonymous_id\":\"r1\",\"timestamp\":\"2026-11-10T10:00:00+08:00\"},"
                + "{\"event\":\"join_" + t + "\",\"anonymous_id\":\"r2\",\"timestamp\":\"2026-11-10T11:00:00+08:00\"},"
                + "{\"event\":\"back_" + t + "\",\"anonymous_id\":\"r1\",\"timestamp\":\"2026-11-11T10:00:00+08:00\"}]");
        Api.Response r = api().post("/api/v1/projects/demo/query/retention", ("{\"initial\":{\"event\":\"join_" + t + "\"},\"return\":{\"event\":\"back_" + t
                + "\"},\"periods\":2,\"from\":\"2026-11-10\",\"to\":\"2026-11-10\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey);
        assertThat(r.status()).isEqualTo(200);
        JsonNode cohort = r.body().path("cohorts").path(0);
        assertThat(cohort.path("size").asLong()).isEqualTo(2);
        assertThat(cohort.path("rates").path(1).asDouble()).isEqualTo(0.5);
        assertThat(r.body().path("average").path(2).asDouble()).isZero();
    }

    @Test
    void pathsOverHttp() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[{\"event\":\"land_" + t + "\",\"anonymous_id\":\"w1\",\"timestamp\":\"2026-11-12T10:00:00+08:00\"},"
                + "{\"event\":\"buy_" + t + "\",\"anonymous_id\":\"w1\",\"timestamp\":\"2026-11-12T10:01:00+08:00\"}]");
        Api.Response r = api().post("/api/v1/projects/demo/query/paths", ("{\"start\":{\"event\":\"land_" + t + "\"},\"depth\":1,"
                + "\"from\":\"2026-11-12\",\"to\":\"2026-11-12\"}").getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + api().secretKey);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("links").path(0).path("source").asString()).isEqualTo("0:land_" + t);
        assertThat(r.body().path("links").path(0).path("target").asString()).isEqualTo("1:buy_" + t);
    }
}
