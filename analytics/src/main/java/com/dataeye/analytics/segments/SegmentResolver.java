package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.VirtualEventScope;

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

    /** The project's virtual events, which "did event" conditions may name (none by default). */
    default VirtualEventScope virtualEvents() {
        return VirtualEventScope.NONE;
    }

    /** A resolver over {@code find} that also knows the project's virtual events. */
    static SegmentResolver of(java.util.function.Function<String, Optional<Target>> find, VirtualEventScope scope) {
        return new SegmentResolver() {
            @Override
            public Optional<Target> find(String id) {
                return find.apply(id);
            }

            @Override
            public VirtualEventScope virtualEvents() {
                return scope;
            }
        };
    }

    SegmentResolver NONE = id -> Optional.empty();
}
