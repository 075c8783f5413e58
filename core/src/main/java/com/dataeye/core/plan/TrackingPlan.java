package com.dataeye.core.plan;

import java.util.List;
import java.util.Optional;

/**
 * A project's tracking plan (PRODUCT.md C6): the events it expects and their properties, plus what
 * to do with anything else. Immutable; {@link CompiledPlan} is the form ingest checks against.
 */
public record TrackingPlan(UnknownPolicy unknownEvents, UnknownPolicy unknownProperties, List<EventSpec> events) {

    public static final TrackingPlan EMPTY = new TrackingPlan(UnknownPolicy.ACCEPT, UnknownPolicy.ACCEPT, List.of());

    public TrackingPlan {
        unknownEvents = unknownEvents == null ? UnknownPolicy.ACCEPT : unknownEvents;
        unknownProperties = unknownProperties == null ? UnknownPolicy.ACCEPT : unknownProperties;
        events = events == null ? List.of() : List.copyOf(events);
    }

    public Optional<EventSpec> event(String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
