package com.dataeye.simulator.output;

import com.dataeye.core.event.EventType;

import java.util.Map;
import java.util.Objects;

/**
 * One event as the collector takes it (docs/api/collector.md, "The event"): what a sink receives and
 * what {@link EventJson} writes. Ids that do not apply are null and are left out of the JSON.
 *
 * @param type        the record kind; {@code event} is null unless this is {@link EventType#TRACK}
 * @param event       the event name, e.g. {@code $pageview} or {@code order_paid}
 * @param eventId     deterministic and unique within a run, so a re-sent file is deduplicated
 * @param anonymousId the device id, null for server-side events
 * @param loginId     the shop's user id once the person has signed up on this device
 * @param distinctId  only for records about no person (the catalogue's {@code item_set})
 * @param itemId      the product of an {@code item_set}
 * @param timestamp   epoch milliseconds; written as ISO-8601 with the shop's +08:00 offset
 * @param properties  ordered; values are strings, integers, longs, doubles or {@link java.math.BigDecimal}s
 */
public record SimulatedEvent(
        EventType type,
        String event,
        String eventId,
        String anonymousId,
        String loginId,
        String distinctId,
        String itemId,
        long timestamp,
        Map<String, Object> properties) {

    /** {@code $lib} of what the shop's backend sends: payments, refunds, pushes, profiles, the catalogue. */
    public static final String SERVER_LIB = "java";
    public static final String SERVER_LIB_VERSION = "1.2.0";

    public SimulatedEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(properties, "properties");
        if (type == EventType.TRACK) {
            Objects.requireNonNull(event, "a track event needs a name");
        }
        if (anonymousId == null && loginId == null && distinctId == null) {
            throw new IllegalArgumentException("event " + eventId + " has no id of a person");
        }
    }

    /** The same event at another time, for a session moved back so it ends before midnight. */
    public SimulatedEvent at(long newTimestamp) {
        return new SimulatedEvent(type, event, eventId, anonymousId, loginId, distinctId, itemId, newTimestamp, properties);
    }

    /** The name analyses see: the track name, or the implied one such as {@code $profile_set}. */
    public String name() {
        return type == EventType.TRACK ? event : type.impliedEventName();
    }
}
