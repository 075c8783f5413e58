package com.dataeye.simulator.output;

import com.dataeye.core.event.EventType;

import tools.jackson.core.JsonGenerator;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes one {@link SimulatedEvent} in the collector's native shape (docs/api/collector.md) with
 * Jackson's streaming generator: top-level fields first in a fixed order, then {@code properties}.
 * Shared by every sink that speaks JSON, so the file and a live sender cannot drift apart.
 */
public final class EventJson {

    private final ShopTime clock = new ShopTime();

    /** Writes the event as one JSON object; not thread-safe (it caches the current day's date text). */
    public void write(JsonGenerator json, SimulatedEvent e) {
        json.writeStartObject();
        if (e.type() == EventType.TRACK) {
            json.writeStringProperty("event", e.event());
        }
        json.writeStringProperty("type", e.type().wireName());
        json.writeStringProperty("event_id", e.eventId());
        optional(json, "anonymous_id", e.anonymousId());
        optional(json, "login_id", e.loginId());
        optional(json, "distinct_id", e.distinctId());
        optional(json, "item_id", e.itemId());
        json.writeStringProperty("timestamp", clock.format(e.timestamp()));
        json.writeName("properties");
        json.writeStartObject();
        for (Map.Entry<String, Object> p : e.properties().entrySet()) {
            json.writeName(p.getKey());
            value(json, p.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void optional(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private static void value(JsonGenerator json, Object v) {
        if (v instanceof String s) {
            json.writeString(s);
        } else if (v instanceof Integer i) {
            json.writeNumber(i);
        } else if (v instanceof Long l) {
            json.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (v instanceof Double d) {
            json.writeNumber(d);
        } else if (v instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("unsupported property value " + v.getClass().getName());
        }
    }
}
