package com.dataeye.core.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * What ingest does with an event or property the plan does not name: store it, store it with a
 * {@code $unplanned_…} flag so it can be found and adopted, or quarantine the event.
 */
public enum UnknownPolicy {
    ACCEPT, FLAG, QUARANTINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UnknownPolicy> fromWire(String s) {
        for (UnknownPolicy v : values()) {
            if (v.wire().equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
