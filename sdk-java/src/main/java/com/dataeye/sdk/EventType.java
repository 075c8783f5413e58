package com.dataeye.sdk;

/**
 * The eight kinds of event the collector takes (the {@code type} field of docs/api/collector.md).
 * Only {@link #TRACK} events carry a name of their own; the others change a person's or a
 * product's attributes, or link two ids.
 */
public enum EventType {
    TRACK("track"),
    IDENTIFY("identify"),
    PROFILE_SET("profile_set"),
    PROFILE_SET_ONCE("profile_set_once"),
    PROFILE_INCREMENT("profile_increment"),
    PROFILE_UNSET("profile_unset"),
    PROFILE_DELETE("profile_delete"),
    ITEM_SET("item_set");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire, e.g. {@code profile_set_once}. */
    public String wire() {
        return wire;
    }
}
