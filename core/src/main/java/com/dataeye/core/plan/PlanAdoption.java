package com.dataeye.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adopts discovered events and properties into the plan in one step: each gets the type most of
 * its events sent and status {@code live}. The caller validates the result like any plan
 * (a property adopted with a type another event already declares is a conflict).
 */
public final class PlanAdoption {

    private PlanAdoption() {}

    /** A property to adopt: {@code event} and property {@code name}. */
    public record PropertyRef(String event, String name) {}

    public static TrackingPlan adopt(TrackingPlan plan, List<ObservedEvent> observed, List<String> events,
                                     List<PropertyRef> properties) {
        Map<String, ObservedEvent> byName = new LinkedHashMap<>();
        observed.forEach(o -> byName.put(o.name(), o));
        Map<String, EventSpec> result = new LinkedHashMap<>();
        plan.events().forEach(e -> result.put(e.name(), e));
        for (String name : events) {
            ObservedEvent o = byName.get(name);
            if (o == null) {
                throw new PlanFileException("not_observed", "events", "event '" + name + "' has not arrived; nothing to adopt");
            }
            if (!result.containsKey(name)) {
                List<PropertySpec> props = new ArrayList<>();
                for (ObservedEvent.ObservedProperty p : o.properties().values()) {
                    if (!p.name().startsWith("$")) {
                        p.dominantType().ifPresent(t -> props.add(PropertySpec.of(p.name(), t, false)));
                    }
                }
                result.put(name, EventSpec.of(name, PlanStatus.LIVE, props));
            }
        }
        for (PropertyRef ref : properties) {
            EventSpec spec = result.get(ref.event());
            ObservedEvent o = byName.get(ref.event());
            ObservedEvent.ObservedProperty p = o == null ? null : o.properties().get(ref.name());
            if (spec == null) {
                throw new PlanFileException("not_planned", "properties", "event '" + ref.event() + "' is not in the plan; adopt it first");
            }
            if (p == null) {
                throw new PlanFileException("not_observed", "properties",
                        "property '" + ref.name() + "' has not arrived on '" + ref.event() + "'; nothing to adopt");
            }
            if (spec.properties().stream().anyMatch(s -> s.name().equals(ref.name()))) {
                continue;
            }
            PropertyType type = p.dominantType().orElseThrow(() -> new PlanFileException("invalid_plan", "properties",
                    "property '" + ref.name() + "' arrives as " + p.types().keySet() + ", which no plan type describes"));
            List<PropertySpec> props = new ArrayList<>(spec.properties());
            props.add(PropertySpec.of(ref.name(), type, false));
            result.put(ref.event(), new EventSpec(spec.name(), spec.displayZh(), spec.displayEn(), spec.description(),
                    spec.owner(), spec.status(), props));
        }
        return new TrackingPlan(plan.unknownEvents(), plan.unknownProperties(), new ArrayList<>(result.values()));
    }
}
