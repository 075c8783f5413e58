package com.dataeye.core.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What actually arrived for one event name over a period: stored and quarantined volume, when it
 * was first and last seen, and its properties.
 */
public record ObservedEvent(String name, long stored, long quarantined, Instant firstSeen, Instant lastSeen,
                            Map<String, ObservedProperty> properties) {

    /**
     * One property as it arrived.
     *
     * @param count   events that carried it
     * @param types   plan type name ({@code string}, {@code number}, …, or {@code object}) to how many events sent it so
     * @param samples a few of the most frequent values, as text
     */
    public record ObservedProperty(String name, long count, Map<String, Long> types, List<String> samples,
                                   Instant firstSeen, Instant lastSeen) {

        /** The type most events sent, as a plan type, if it is one. */
        public java.util.Optional<PropertyType> dominantType() {
            return types.entrySet().stream().max(Map.Entry.comparingByValue())
                    .flatMap(e -> PropertyType.fromWire(e.getKey()));
        }
    }
}
