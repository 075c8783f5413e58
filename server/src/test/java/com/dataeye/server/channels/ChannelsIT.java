package com.dataeye.server.channels;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Spend entry, LTV with CAC/ROI, attribution and NPS over HTTP against the real server. */
class ChannelsIT extends InProcessServer {

    private Api.Response put(String body, String contentType) {
        return api().send("PUT", "/api/v1/projects/demo/channels/spend", body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", contentType, "Authorization", "Bearer " + api().secretKey);
    }

    private Api.Response query(String analysis, String body) {
        return api().post("/api/v1/projects/demo/query/" + analysis, body.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey);
    }

    @Test
    void spendFromJsonAndCsvGivesCacAndRoiOfTheAcquiredPersons() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[{\"event\":\"$pageview\",\"anonymous_id\":\"z-" + t + "\",\"timestamp\":\"2026-10-02T10:00:00+08:00\","
                + "\"properties\":{\"$url\":\"https://shop.example/\",\"utm_source\":\"zsxq\"}},"
                + "{\"event\":\"order_paid\",\"anonymous_id\":\"z-" + t + "\",\"timestamp\":\"2026-10-02T11:00:00+08:00\",\"properties\":{\"order_id\":\"o-" + t + "\",\"amount\":300}},"
                + "{\"event\":\"$pageview\",\"anonymous_id\":\"d-" + t + "\",\"timestamp\":\"2026-10-03T10:00:00+08:00\","
                + "\"properties\":{\"$url\":\"https://shop.example/\",\"utm_source\":\"douyin\"}}]");
        assertThat(put("{\"spend\":[{\"channel\":\"community\",\"day\":\"2026-10-02\",\"amount\":100}]}", "application/json").status()).isEqualTo(200);
        Api.Response csv = put("day,channel,amount\n2026-10-02,community,50\n2026-10-03,short_video,80.5\n", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().path("saved").asInt()).isEqualTo(2);

        Api.Response listed = api().getAsSecretKey("/api/v1/projects/demo/channels/spend?from=2026-10-01&to=2026-10-31");
        assertThat(listed.body().path("total_by_channel").path("community").asDouble()).isEqualTo(50.0); // the CSV replaced the day
        Api.Response r = query("ltv", "{\"from\":\"2026-10-01\",\"to\":\"2026-10-05\",\"as_of\":\"2026-10-20\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode community = null;
        for (JsonNode row : r.body().path("rows")) {
            if (row.path("channel").asString().equals("community")) {
                community = row;
            }
        }
        assertThat(community).isNotNull();
        assertThat(community.path("persons").asLong()).isEqualTo(1);
        assertThat(community.path("spend").asDouble()).isEqualTo(50.0);
        assertThat(community.path("cac").asDouble()).isEqualTo(50.0);
        assertThat(community.path("roi").asDouble()).isEqualTo(5.0);    // (300 − 50) / 50
        assertThat(community.path("payback_days").asInt()).isEqualTo(0);
        assertThat(community.path("ltv").path(0).path("per_person").asDouble()).isEqualTo(300.0);

        Api.Response attribution = query("attribution", "{\"from\":\"2026-10-01\",\"to\":\"2026-10-05\",\"model\":\"last_touch\",\"by\":\"source\"}");
        assertThat(attribution.status()).isEqualTo(200);
        assertThat(attribution.body().path("rows").path(0).path("source").asString()).isEqualTo("zsxq");
    }

    @Test
    void badSpendAndQueriesNameTheirField() {
        Api.Response bad = put("{\"spend\":[{\"channel\":\"tv\",\"day\":\"2026-10-02\",\"amount\":1}]}", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("error").path("field").asString()).isEqualTo("spend[0].channel");
        Api.Response badCsv = put("day,channel,amount\n2026-10-02,community,-5\n", "text/csv");
        assertThat(badCsv.status()).isEqualTo(400);
        assertThat(badCsv.body().path("error").path("field").asString()).isEqualTo("line 2: amount");
        assertThat(query("attribution", "{\"from\":\"2026-10-01\",\"to\":\"2026-10-05\",\"model\":\"w\"}").body()
                .path("error").path("field").asString()).isEqualTo("model");
        assertThat(api().post("/api/v1/projects/demo/query/ltv", "{}".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + api().writeKey)
                .status()).isEqualTo(401);
    }

    @Test
    void npsOverHttp() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder batch = new StringBuilder("[");
        int[] scores = {10, 9, 3};
        for (int i = 0; i < scores.length; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"event\":\"nps_response\",\"anonymous_id\":\"n").append(i).append('-').append(t)
                    .append("\",\"timestamp\":\"2026-09-09T10:00:00+08:00\",\"properties\":{\"score\":").append(scores[i]).append("}}");
        }
        api().postEvents(batch.append("]").toString());
        Api.Response r = query("nps", "{\"from\":\"2026-09-09\",\"to\":\"2026-09-09\",\"by\":\"week\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("overall").path("responses").asLong()).isEqualTo(3);
        assertThat(r.body().path("overall").path("nps").asDouble()).isEqualTo(33.33);
        assertThat(r.body().path("groups").path(0).path("group").asString()).isEqualTo("2026-09-07");
        assertThat(query("nps", "{\"from\":\"2026-09-09\",\"to\":\"2026-09-09\",\"by\":\"segment\"}").status()).isEqualTo(400);
    }
}
