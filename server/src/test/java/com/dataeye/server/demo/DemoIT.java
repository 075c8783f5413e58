package com.dataeye.server.demo;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.ServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Demo mode on the packaged server: history once, a live trickle through the collector, nothing doubled by a restart. */
class DemoIT {

    private static final String[] DEMO = {"--dataeye.demo.enabled=true", "--dataeye.demo.persons=300", "--dataeye.demo.live-rate=20"};

    @TempDir
    Path tmp;

    private static long stored(Api api, String event, LocalDate from, LocalDate to) {
        JsonNode days = api.getAsSecretKey("/api/v1/projects/demo/events/daily?event=" + event + "&from=" + from + "&to=" + to)
                .body().path("days");
        long n = 0;
        for (JsonNode d : days) {
            n += d.path("events").asLong();
        }
        return n;
    }

    @Test
    void loadsNinetyDaysOfHistoryOnceAndKeepsLiveEventsFlowing() throws Exception {
        Path data = tmp.resolve("data");
        Path marker = data.resolve(DemoHistory.MARKER);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate firstDay = today.minusDays(DemoShop.HISTORY_DAYS);
        long history;
        try (ServerProcess server = new ServerProcess(data).start(DEMO)) {
            Api api = server.api();
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(marker));
            JsonNode key = Api.JSON.readTree(data.resolve("demo/answer-key.json").toFile());
            long planted = key.path("counts").path("events_by_name").path("product_view").asLong();
            assertThat(planted).isPositive();
            history = stored(api, "product_view", firstDay, today.minusDays(1));
            // every simulated product view of the 90 days is stored, once
            assertThat(history).isEqualTo(planted);
            assertThat(stored(api, "product_view", firstDay.minusDays(30), firstDay.minusDays(1))).isZero();
            // and the live trickle arrives through the collector, stamped today
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(api, "$pageview", today, today) > 0);
        }
        String markerText = Files.readString(marker);
        try (ServerProcess again = new ServerProcess(data).start(DEMO)) {
            Api api = again.api();
            long liveBefore = stored(api, "$pageview", today, today);
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(api, "$pageview", today, today) > liveBefore);
            assertThat(stored(api, "product_view", firstDay, today.minusDays(1))).isEqualTo(history);
            assertThat(Files.readString(marker)).isEqualTo(markerText);
        }
    }
}
