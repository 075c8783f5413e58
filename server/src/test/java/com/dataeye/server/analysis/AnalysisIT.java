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
}
