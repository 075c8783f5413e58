package com.dataeye.server.autocapture;

import com.dataeye.server.plan.Shop;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Autocapture governance at ingest and in the store: kinds, URL lists, sampling, retention, storage cost. */
class AutocaptureGovernanceIT extends InProcessServer {

    private Shop shop;

    @BeforeEach
    void freshProject() {
        shop = Shop.create(port, api());
    }

    private int stored(String event) {
        return shop.get("/events?limit=1000&event=" + event).body().path("events").size();
    }

    private static String event(String name, String device, String url, Instant at) {
        return "{\"event\": \"" + name + "\", \"anonymous_id\": \"" + device + "\", \"timestamp\": \"" + at + "\", "
                + "\"properties\": {\"$url\": \"" + url + "\"}}";
    }

    @Test
    void keepsOnlyTheEnabledKindsOnAllowedUrls() {
        Shop.Response set = shop.put("/autocapture", """
                {"enabled": ["pageview"], "allow_urls": ["https://shop.example/*"], "deny_urls": ["https://shop.example/admin/*"]}""");
        assertThat(set.status()).isEqualTo(200);
        Instant now = Instant.now();
        Shop.Response r = shop.track("[" + String.join(",",
                event("$pageview", "d1", "https://shop.example/p/lut", now),
                event("$pageview", "d1", "https://shop.example/admin/orders", now),
                event("$pageview", "d1", "https://elsewhere.example/", now),
                event("$WebClick", "d1", "https://shop.example/p/lut", now),
                event("product_view", "d1", "https://shop.example/admin/orders", now)) + "]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("rejected").asInt()).isZero();
        assertThat(stored("$pageview")).isEqualTo(1);
        assertThat(stored("$WebClick")).isZero();
        assertThat(stored("product_view")).isEqualTo(1);
    }

    @Test
    void samplingKeepsAShareOfDevicesWithAllTheirEvents() {
        shop.put("/autocapture", "{\"sample_rate\": 0.5}");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event("$pageview", "device-" + i, "https://shop.example/", Instant.now()));
            events.add(event("$WebClick", "device-" + i, "https://shop.example/", Instant.now()));
        }
        shop.track("[" + String.join(",", events) + "]");
        int views = stored("$pageview");
        assertThat(views).isBetween(60, 140);
        assertThat(stored("$WebClick")).isEqualTo(views);
    }

    @Test
    void retentionDeletesOnlyOldAutocapturedEvents() {
        Instant old = Instant.now().minus(40, ChronoUnit.DAYS);
        Instant recent = Instant.now().minus(5, ChronoUnit.DAYS);
        shop.track("[" + String.join(",",
                event("$pageview", "d1", "https://shop.example/", old),
                event("$WebClick", "d1", "https://shop.example/", old),
                event("$pageview", "d1", "https://shop.example/", recent),
                event("product_view", "d1", "https://shop.example/", old)) + "]");
        Shop.Response cost = shop.get("/autocapture/storage?from=" + java.time.LocalDate.now().minusDays(45));
        assertThat(cost.status()).as(cost.text()).isEqualTo(200);
        JsonNode storage = cost.body().path("days");
        long autoBytes = 0;
        long autoEvents = 0;
        for (JsonNode d : storage) {
            autoBytes += d.path("autocapture_bytes").asLong();
            autoEvents += d.path("autocapture_events").asLong();
        }
        assertThat(autoEvents).as(storage.toString()).isEqualTo(3);
        assertThat(autoBytes).isGreaterThan(3 * 20);

        // without a retention period nothing goes
        assertThat(shop.post("/autocapture/retention/run", "").body().path("deleted").asLong()).isZero();
        shop.put("/autocapture", "{\"retention_days\": 30}");
        assertThat(shop.post("/autocapture/retention/run", "").body().path("deleted").asLong()).isEqualTo(2);
        assertThat(stored("$pageview")).isEqualTo(1);
        assertThat(stored("$WebClick")).isZero();
        assertThat(stored("product_view")).isEqualTo(1);
    }

    @Test
    void badSettingsNameTheField() {
        Shop.Response r = shop.put("/autocapture", "{\"sample_rate\": 2}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("sample_rate");
        assertThat(shop.put("/autocapture", "{\"enabled\": [\"scroll\"]}").body().path("error").path("field").asString()).isEqualTo("enabled");
        assertThat(shop.put("/autocapture", "{\"retention_days\": 0}").status()).isEqualTo(400);
    }
}
