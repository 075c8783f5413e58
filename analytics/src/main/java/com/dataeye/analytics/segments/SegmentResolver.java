package com.dataeye.analytics.segments;

import java.util.Optional;

/** Finds the segments a definition refers to with {@code {"type": "segment", "id": …}}. */
@FunctionalInterface
public interface SegmentResolver {

    /** A referenced segment: a definition to inline, or (node null) a static list of person ids. */
    record Target(String id, SegmentNode node) {
        public boolean isStatic() {
            return node == null;
        }
    }

    Optional<Target> find(String id);

    SegmentResolver NONE = id -> Optional.empty();
}
