package com.dataeye.core.event;

import java.util.Locale;
import java.util.Optional;

/** The kinds of record the collector takes (PRODUCT.md C1), with their wire names. */
public enum EventType {
    TRACK,
    IDENTIFY,
    PROFILE_SET,
    PROFILE_SET_ONCE,
    PROFILE_INCREMENT,
    /** Adds values to list properties of the person (Sensors' profile_append; our SDKs' profile.append). */
    PROFILE_APPEND,
    PROFILE_UNSET,
    PROFILE_DELETE,
    ITEM_SET;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Event name stored for records that carry none of their own, e.g. {@code $profile_set}. */
    public String impliedEventName() {
        return "$" + wireName;
    }

    /** values() copies its array on every call, and this runs for every event received. */
    private static final EventType[] ALL = values();

    public static Optional<EventType> fromWire(String name) {
        for (EventType t : ALL) {
            if (t.wireName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
