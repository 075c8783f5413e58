package com.dataeye.sdk;

import com.dataeye.sdk.internals.Backoff;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff exact = new Backoff(200, 30_000, 0);

    @Test
    void doublesFromTheBaseUpToTheCap() {
        assertThat(exact.delayMs(1, -1, 0.5)).isEqualTo(200);
        assertThat(exact.delayMs(2, -1, 0.5)).isEqualTo(400);
        assertThat(exact.delayMs(8, -1, 0.5)).isEqualTo(25_600);
        assertThat(exact.delayMs(9, -1, 0.5)).isEqualTo(30_000);
        assertThat(exact.delayMs(1_000, -1, 0.5)).isEqualTo(30_000);
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        Backoff jittered = new Backoff(1_000, 30_000, 0.2);
        assertThat(jittered.delayMs(1, -1, 0.0)).isEqualTo(1_000);
        assertThat(jittered.delayMs(1, -1, 0.5)).isEqualTo(900);
        assertThat(jittered.delayMs(1, -1, 0.999)).isGreaterThan(800);
    }

    @Test
    void aLongerRetryAfterWins() {
        assertThat(exact.delayMs(1, 7_000, 0)).isEqualTo(7_000);
        assertThat(exact.delayMs(9, 1_000, 0)).isEqualTo(30_000);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        long now = Instant.parse("2026-11-25T02:00:00Z").toEpochMilli();
        assertThat(Backoff.retryAfterMs("3", now)).isEqualTo(3_000);
        assertThat(Backoff.retryAfterMs("Wed, 25 Nov 2026 02:00:05 GMT", now)).isEqualTo(5_000);
        assertThat(Backoff.retryAfterMs("Wed, 25 Nov 2026 01:00:00 GMT", now)).isZero();
        assertThat(Backoff.retryAfterMs(null, now)).isNegative();
        assertThat(Backoff.retryAfterMs("soon", now)).isNegative();
    }
}
