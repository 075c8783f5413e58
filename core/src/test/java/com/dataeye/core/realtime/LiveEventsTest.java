package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveEventsTest {

    static Event event(String project, String id, String name) {
        return new Event(id, project, name, EventType.TRACK, "p1", "d1", "d1", null, Instant.parse("2026-11-25T04:00:00Z"),
                Instant.parse("2026-11-25T04:00:00Z"), "js", "1", new Event.Page("https://s/p", "/p", "t", null),
                new Event.Acquisition(null, null, null, null, null, "direct"), new Event.Device(null, null, "mobile", null, null),
                new Event.Element(null, null, null), new Event.Commerce("o1", "lut", new BigDecimal("9.90")), Map.of());
    }

    @Test
    void aReaderGetsWhatCameAfterItsLastNumber() {
        LiveEvents live = new LiveEvents(10);
        live.append(event("shop", "e1", "a"));
        live.append(event("shop", "e2", "b"));
        long seen = live.lastSeq("shop");
        live.append(event("shop", "e3", "c"));
        live.append(event("other", "x1", "z"));

        LiveEvents.Page page = live.after("shop", seen, 100);
        assertThat(page.events()).extracting(LiveEvent::eventId).containsExactly("e3");
        assertThat(page.lastSeq()).isEqualTo(3);
        assertThat(page.skipped()).isZero();
        assertThat(page.events().get(0).amount()).isEqualByComparingTo("9.90");
        assertThat(page.events().get(0).path()).isEqualTo("/p");
    }

    @Test
    void aReaderThatFellBehindSkipsToTheNewestAndIsToldHowManyItMissed() {
        LiveEvents live = new LiveEvents(4);
        for (int i = 1; i <= 10; i++) {
            live.append(event("shop", "e" + i, "a"));
        }
        LiveEvents.Page page = live.after("shop", 2, 3);
        assertThat(page.events()).extracting(LiveEvent::eventId).containsExactly("e8", "e9", "e10");
        assertThat(page.skipped()).isEqualTo(5);
        assertThat(live.after("shop", 10, 3).events()).isEmpty();
        assertThat(live.after("nobody", 0, 3).events()).isEmpty();
    }
}
