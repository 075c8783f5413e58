package com.dataeye.sdk;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builders refuse at once what the collector would refuse later. */
class EventTest {

    @Test
    void aTrackEventNeedsANameOfAtMost100CharactersWithoutControlCharacters() {
        assertThatThrownBy(() -> Event.track("").loginId("u").build()).hasMessageContaining("event name must have 1–100 characters");
        assertThatThrownBy(() -> Event.track("x".repeat(101)).loginId("u").build()).hasMessageContaining("got 101");
        assertThatThrownBy(() -> Event.track("a\nb").loginId("u").build()).hasMessageContaining("control characters");
        assertThat(Event.track("$pageview").anonymousId("d").build().name()).isEqualTo("$pageview");
    }

    @Test
    void everyEventNeedsAnId() {
        assertThatThrownBy(() -> Event.track("x").build()).hasMessageContaining("needs a login id, an anonymous id or a distinct id");
        assertThatThrownBy(() -> Event.identify("dev-1", null).build()).hasMessageContaining("identify needs both");
        assertThatThrownBy(() -> Event.of(EventType.ITEM_SET).build()).hasMessageContaining("item_set needs an item id");
    }

    @Test
    void refusesMoreThan256Properties() {
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i < 257; i++) {
            many.put("p" + i, i);
        }
        assertThatThrownBy(() -> Event.track("x").loginId("u").properties(many).build()).hasMessageContaining("257 properties");
    }

    @Test
    void isImmutableOnceBuilt() {
        Map<String, Object> props = new HashMap<>(Map.of("a", 1));
        Event e = Event.track("x").loginId("u").properties(props).build();
        props.put("b", 2);

        assertThat(e.properties()).containsOnlyKeys("a");
        assertThatThrownBy(() -> e.properties().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.eventId()).isNotEqualTo(Event.track("x").loginId("u").build().eventId());
    }

    @Test
    void aBuilderCanBeReusedWithoutChangingEventsItBuilt() {
        Event.Builder b = Event.track("x").loginId("u").property("a", 1);
        Event first = b.build();
        Event second = b.property("b", 2).build();

        assertThat(first.properties()).containsOnlyKeys("a");
        assertThat(second.properties()).containsOnlyKeys("a", "b");
    }

    @Test
    void idsAreRandomVersion4Uuids() {
        UUID id = UUID.fromString(Event.track("x").loginId("u").build().eventId());

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }
}
