package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Events for store tests, with only what a test cares about spelled out. */
public final class EventFixtures {

    private EventFixtures() {}

    public static Event event(String id, String name, String distinctId, Instant ts) {
        return new Event(id, "shop", name, EventType.TRACK, distinctId, distinctId, distinctId, null, ts, ts,
                "js", "1.0",
                new Event.Page("https://shop.example/p/1", "/p/1", "LUT 预设", null),
                new Event.Acquisition("douyin", null, null, null, null, "short_video"),
                new Event.Device("iOS", "Mobile Safari", "mobile", null, "203.0.113.0"),
                new Event.Element(null, null, null),
                new Event.Commerce("o-" + id, "p-1", new BigDecimal("19.90")),
                Map.of("coupon", "NEW10", "tags", java.util.List.of("ps", "lut")));
    }
}
