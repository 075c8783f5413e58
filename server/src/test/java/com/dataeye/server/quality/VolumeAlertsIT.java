package com.dataeye.server.quality;

import com.dataeye.server.plan.Shop;
import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts reach a real webhook receiver once per event, kind and day; a failing receiver gets them again. */
class VolumeAlertsIT extends InProcessServer {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private Shop shop;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Api.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
        shop = Shop.create(port, api());
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private void sendDays(String event, int perDay, int yesterday) {
        LocalDate today = LocalDate.now(SHANGHAI);
        List<String> events = new ArrayList<>();
        for (int back = 8; back >= 1; back--) {
            String ts = today.minusDays(back).atTime(12, 0).atZone(SHANGHAI).toInstant().toString();
            int n = back == 1 ? yesterday : perDay;
            for (int i = 0; i < n; i++) {
                events.add("{\"event\": \"" + event + "\", \"anonymous_id\": \"p" + i + "\", \"timestamp\": \"" + ts + "\"}");
            }
        }
        shop.track("[" + String.join(",", events) + "]");
    }

    @Test
    void aVolumeDropReachesTheWebhookOnce() {
        shop.put("/alerts", "{\"webhook_url\": \"" + hook() + "\", \"volume_change_pct\": 50, \"min_daily_events\": 100}");
        sendDays("lut_download", 120, 10);
        sendDays("steady_event", 120, 118);

        JsonNode check = shop.post("/alerts/check", "").body();
        assertThat(check.path("alerts").size()).isEqualTo(1);
        assertThat(received).hasSize(1);
        JsonNode alert = received.get(0);
        assertThat(alert.path("kind").asString()).isEqualTo("volume_drop");
        assertThat(alert.path("event").asString()).isEqualTo("lut_download");
        assertThat(alert.path("value").asLong()).isEqualTo(10);
        assertThat(alert.path("baseline").asDouble()).isEqualTo(120.0);
        assertThat(alert.path("day").asString()).isEqualTo(LocalDate.now(SHANGHAI).minusDays(1).toString());

        shop.post("/alerts/check", "");
        assertThat(received).hasSize(1);
    }

    @Test
    void aQuarantineSpikeIsAlertedAndAFailingReceiverGetsItAgain() {
        shop.put("/alerts", "{\"webhook_url\": \"" + hook() + "\", \"quarantine_share_pct\": 5}");
        shop.put("/plan/events/order_paid", "{\"properties\": [{\"name\": \"amount\", \"type\": \"number\", \"required\": true}]}");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add("{\"event\": \"order_paid\", \"anonymous_id\": \"p" + i + "\", \"properties\": {\"amount\": " + (i < 10 ? "\"9.9\"" : "9.9") + "}}");
        }
        shop.track("[" + String.join(",", events) + "]");
        String today = LocalDate.now(SHANGHAI).toString();

        answer = 500;
        JsonNode failed = shop.post("/alerts/check?day=" + today, "").body().path("alerts").path(0);
        assertThat(failed.path("kind").asString()).isEqualTo("quarantine_spike");
        assertThat(failed.path("delivered").asBoolean()).isFalse();

        answer = 204;
        JsonNode delivered = shop.post("/alerts/check?day=" + today, "").body().path("alerts").path(0);
        assertThat(delivered.path("delivered").asBoolean()).isTrue();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).path("message").asString()).contains("10 of 20");
        assertThat(shop.post("/alerts/check?day=" + today, "").body().path("alerts").path(0).path("already_sent").asBoolean()).isTrue();
        assertThat(received).hasSize(2);
    }

    @Test
    void aWebhookMustBeAWebUrl() {
        Shop.Response r = shop.put("/alerts", "{\"webhook_url\": \"file:///etc/passwd\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("webhook_url");
    }
}
