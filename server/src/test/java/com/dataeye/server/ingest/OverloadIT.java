package com.dataeye.server.ingest;

import com.dataeye.server.support.Api;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server that cannot confirm commits in time answers 503 with Retry-After instead of hanging;
 * the event may still land, and the client's retry is then recognised, not stored twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "dataeye.ingest.commit-timeout=0ms")
class OverloadIT {

    private static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws java.io.IOException {
        dataDir = Files.createTempDirectory("dataeye-overload-");
        registry.add("dataeye.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    private Api api() {
        return new Api(port, dataDir);
    }

    @Test
    void answers503WithRetryAfterAndTheRetryIsNotStoredTwice() {
        // a zero commit timeout races the commit itself: almost every request loses, some may win
        Api api = api();
        String id = null;
        String event = null;
        Api.Response first = null;
        for (int attempt = 0; attempt < 100 && (first == null || first.status() != 503); attempt++) {
            id = UUID.randomUUID().toString();
            event = "{\"event\":\"order_paid\",\"event_id\":\"" + id + "\",\"anonymous_id\":\"a\"}";
            first = api.postEvents(event);
        }
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isNotNull();
        assertThat(Integer.parseInt(first.header("Retry-After"))).isPositive();
        assertThat(first.body().path("error").path("code").asString()).isEqualTo("overloaded");
        String retried = event;
        String retriedId = id;

        await().untilAsserted(() -> {
            Api.Response retry = api.postEvents(retried);
            assertThat(retry.body().path("duplicates").asInt()).isEqualTo(1);
        });
        long copies = api.getAsSecretKey("/api/v1/projects/demo/events?event=order_paid").body().path("events")
                .valueStream().filter(e -> e.path("event_id").asString().equals(retriedId)).count();
        assertThat(copies).isEqualTo(1);
    }
}
