package com.dataeye.server.browse;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what arrived: identity merge in queries, daily counts, and who may read at all. */
class EventBrowserIT extends InProcessServer {

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private List<String> eventsOfPerson(String person) {
        List<String> names = new ArrayList<>();
        for (JsonNode e : api().getAsSecretKey("/api/v1/projects/demo/events?person=" + person).body().path("events")) {
            names.add(e.path("event").asString());
        }
        return names;
    }

    @Test
    void browsingAnonymouslyThenLoggingInThenBuyingIsOnePerson() {
        String t = tag();
        String anon = "anon-" + t;
        String user = "user-" + t;
        api().postEvents("{\"event\":\"product_view\",\"anonymous_id\":\"" + anon + "\",\"timestamp\":\"2026-11-25T09:00:00+08:00\"}");
        api().postEvents("{\"type\":\"identify\",\"anonymous_id\":\"" + anon + "\",\"login_id\":\"" + user + "\",\"timestamp\":\"2026-11-25T09:01:00+08:00\"}");
        api().postEvents("{\"event\":\"order_paid\",\"login_id\":\"" + user + "\",\"timestamp\":\"2026-11-25T09:02:00+08:00\",\"properties\":{\"amount\":39.9}}");
        assertThat(eventsOfPerson(user)).containsExactly("order_paid", "$identify", "product_view");
    }

    @Test
    void twoDevicesOfOneLoginAreOnePerson() {
        String t = tag();
        String user = "user-" + t;
        for (String device : List.of("phone-" + t, "laptop-" + t)) {
            api().postEvents("{\"event\":\"product_view\",\"anonymous_id\":\"" + device + "\"}");
            api().postEvents("{\"type\":\"identify\",\"anonymous_id\":\"" + device + "\",\"login_id\":\"" + user + "\"}");
        }
        assertThat(eventsOfPerson(user)).filteredOn("product_view"::equals).hasSize(2);
    }

    @Test
    void countsEventsAndPersonsPerDayInTheProjectTimeZone() {
        String name = "lut_download_" + tag();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        api().postEvents("[{\"event\":\"" + name + "\",\"anonymous_id\":\"a1\"},{\"event\":\"" + name + "\",\"anonymous_id\":\"a1\"},"
                + "{\"event\":\"" + name + "\",\"anonymous_id\":\"a2\"}]");
        JsonNode body = api().getAsAdmin("/api/v1/projects/demo/events/daily?event=" + name + "&from=" + today.minusDays(1) + "&to=" + today).body();
        assertThat(body.path("time_zone").asString()).isEqualTo("Asia/Shanghai");
        JsonNode day = body.path("days").path(0);
        assertThat(day.path("day").asString()).isEqualTo(today.toString());
        assertThat(day.path("events").asLong()).isEqualTo(3);
        assertThat(day.path("persons").asLong()).isEqualTo(2);
    }

    @Test
    void readingNeedsALoginOrTheSecretKeyNeverTheWriteKey() {
        assertThat(api().get("/api/v1/projects/demo/events", null).status()).isEqualTo(401);
        Api.Response withWriteKey = api().get("/api/v1/projects/demo/events", "Bearer " + api().writeKey);
        assertThat(withWriteKey.status()).isEqualTo(401);
        assertThat(withWriteKey.body().path("error").path("message").asString()).contains("write key");
        assertThat(api().get("/api/v1/projects/demo/events", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes())).status())
                .isEqualTo(401);
        assertThat(api().getAsAdmin("/api/v1/projects/demo/events").status()).isEqualTo(200);
        assertThat(api().getAsSecretKey("/api/v1/projects/demo/events").status()).isEqualTo(200);
    }

    @Test
    void aSecretKeyReadsOnlyItsOwnProject() {
        Api.Response other = api().getAsSecretKey("/api/v1/projects/another-shop/events");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body().path("error").path("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void badParametersNameTheField() {
        Api.Response r = api().getAsAdmin("/api/v1/projects/demo/events/daily?event=x&from=yesterday");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("from");
        assertThat(api().getAsAdmin("/api/v1/projects/nope/events").status()).isEqualTo(404);
    }

    @Test
    void healthIsOpenAndMetricsNeedAnAdmin() {
        assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/prometheus", null).status()).isEqualTo(401);
        api().postEvents("{\"event\":\"metrics_probe\",\"anonymous_id\":\"m\"}");
        Api.Response metrics = api().getAsAdmin("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().asString()).contains("dataeye_events_ingested_total").contains("dataeye_commit_latency");
    }
}
