package com.dataeye.core.dedup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DedupWindowTest {

    private final Instant day0 = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void recognisesRetryWithinSevenDays() {
        DedupWindow w = new DedupWindow(Duration.ofDays(7));
        assertThat(w.remember("shop", "e-1", day0)).isTrue();
        assertThat(w.remember("shop", "e-1", day0.plus(Duration.ofDays(7)))).isFalse();
    }

    @Test
    void sameIdInAnotherProjectIsNotADuplicate() {
        DedupWindow w = new DedupWindow(Duration.ofDays(7));
        assertThat(w.remember("shop-a", "e-1", day0)).isTrue();
        assertThat(w.remember("shop-b", "e-1", day0)).isTrue();
    }

    @Test
    void forgetsWholeDaysThatLeaveTheWindow() {
        DedupWindow w = new DedupWindow(Duration.ofDays(7));
        w.remember("shop", "old", day0);
        w.remember("shop", "new", day0.plus(Duration.ofDays(9)));
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.remember("shop", "old", day0.plus(Duration.ofDays(9)))).isTrue();
    }

    @Test
    void forgottenIdIsTakenAgain() {
        DedupWindow w = new DedupWindow(Duration.ofDays(7));
        w.remember("shop", "e-1", day0);
        w.forget("shop", "e-1", day0);
        assertThat(w.remember("shop", "e-1", day0)).isTrue();
    }
}
