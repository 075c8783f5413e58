package com.dataeye.analytics.query;

import com.dataeye.core.virtualevents.VirtualEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The virtual events one analysis may name, and the ones it did: the server puts a scope over the
 * project's current definitions into the query under {@link EventRef#VIRTUAL_EVENTS} (JSON cannot
 * carry one, so a client cannot fill it), every event reference looks its name up here, and the
 * answer reports {@link #used()} so a client sees which definition versions it rests on.
 */
public final class VirtualEventScope {

    public static final VirtualEventScope NONE = new VirtualEventScope(name -> Optional.empty());

    private final Function<String, Optional<VirtualEvent>> lookup;
    private final Map<String, VirtualEvent> used = new LinkedHashMap<>();

    public VirtualEventScope(Function<String, Optional<VirtualEvent>> lookup) {
        this.lookup = lookup;
    }

    public static VirtualEventScope of(List<VirtualEvent> current) {
        Map<String, VirtualEvent> byName = new LinkedHashMap<>();
        current.stream().filter(v -> !v.archived()).forEach(v -> byName.put(v.name(), v));
        return new VirtualEventScope(name -> Optional.ofNullable(byName.get(name)));
    }

    /** The current definition of {@code name}, if it is a virtual event; remembered as used. */
    public synchronized Optional<VirtualEvent> find(String name) {
        Optional<VirtualEvent> v = lookup.apply(name);
        v.ifPresent(e -> used.putIfAbsent(name, e));
        return v;
    }

    public synchronized List<VirtualEvent> used() {
        return new ArrayList<>(used.values());
    }

    /** The scope a query's map carries, or none. */
    public static VirtualEventScope in(Map<?, ?> query) {
        return query != null && query.get(EventRef.VIRTUAL_EVENTS) instanceof VirtualEventScope s ? s : NONE;
    }
}
