package com.dataeye.sdk;

import com.dataeye.sdk.support.FakeClock;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingDataEyeClientTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingDataEyeClient dataeye = new RecordingDataEyeClient(clock);

    @Test
    void recordsEventsInOrderWithTheirTimestamps() {
        dataeye.identify("dev-1", "user-42");
        dataeye.track(Event.track("order_paid").loginId("user-42").property("amount", 39.9).build());
        dataeye.profileIncrement("user-42", Map.of("orders", 1));

        assertThat(dataeye.eventNames()).containsExactly("order_paid");
        assertThat(dataeye.tracked("order_paid").get(0).property("amount")).isEqualTo(39.9);
        assertThat(dataeye.events(EventType.PROFILE_INCREMENT)).singleElement()
                .satisfies(e -> assertThat(e.property("orders")).isEqualTo(1));
        assertThat(dataeye.events()).extracting(Event::type)
                .containsExactly(EventType.IDENTIFY, EventType.TRACK, EventType.PROFILE_INCREMENT);
        assertThat(dataeye.lastEvent().timestamp()).isEqualTo(FakeClock.START);
        assertThat(dataeye.metrics().sentEvents()).isEqualTo(3);
    }

    @Test
    void checksEventsAsTheRealClientDoes() {
        assertThatThrownBy(() -> dataeye.track(Event.track("upload").loginId("u").property("blob", "x".repeat(40_000)).build()))
                .isInstanceOf(EventTooLargeException.class);
        assertThatThrownBy(() -> dataeye.track(Event.identify("dev-1", "u").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("track takes track events");
        dataeye.close();
        assertThatThrownBy(() -> dataeye.track("x", "u", Map.of())).isInstanceOf(IllegalStateException.class);
        assertThat(dataeye.isClosed()).isTrue();
    }

    @Test
    void forgetsOnClearAndCountsFlushes() {
        dataeye.track("a", "u", Map.of());
        dataeye.flush();
        dataeye.clear();

        assertThat(dataeye.events()).isEmpty();
        assertThat(dataeye.flushes()).isEqualTo(1);
    }
}
