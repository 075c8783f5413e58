package com.dataeye.core.ingest;

import com.dataeye.core.event.Event;

import java.util.List;

/**
 * Told about events once they are durable (after the commit that a 2xx waits for), e.g. the
 * real-time speed layer. Called on the committing thread, so an implementation must only hand the
 * list over (it must not block or do work per event); the list must not be changed.
 */
@FunctionalInterface
public interface DurableEventsListener {

    DurableEventsListener NONE = events -> { };

    void durable(List<Event> events);
}
