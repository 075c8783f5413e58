package com.dataeye.sdk;

/**
 * The event's JSON is larger than the collector takes ({@value #MAX_EVENT_BYTES} bytes), so it was
 * refused before it was queued rather than sent only to be refused. Usually a property holds a
 * whole document; send a reference to it instead.
 */
public class EventTooLargeException extends IllegalArgumentException {

    /** The collector's limit ({@code dataeye.ingest.max-event-bytes}). */
    public static final int MAX_EVENT_BYTES = 32 * 1024;

    private final transient Event event;
    private final int bytes;

    public EventTooLargeException(Event event, int bytes) {
        super("event '" + (event.name() != null ? event.name() : event.type().wire()) + "' (event_id " + event.eventId()
                + ") has " + bytes + " bytes of JSON, the collector takes at most " + MAX_EVENT_BYTES);
        this.event = event;
        this.bytes = bytes;
    }

    public Event event() {
        return event;
    }

    public int bytes() {
        return bytes;
    }
}
