package com.dataeye.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tracking plan against what actually arrives: events and properties sent but not planned
 * (discovery), planned live events that never arrive, and planned properties that arrive with
 * another type or are missing where required. SDK presets ({@code $…}) are left out.
 */
public record PlanDiff(List<ObservedEvent> unplannedEvents, List<UnplannedProperty> unplannedProperties,
                       List<String> plannedButNotSeen, List<TypeDrift> typeMismatches, List<MissingRequired> missingRequired) {

    public record UnplannedProperty(String event, ObservedEvent.ObservedProperty property) {}

    /** A planned property that arrived with other types too ({@code observed}: type → events). */
    public record TypeDrift(String event, String property, String expected, Map<String, Long> observed) {}

    /** A required property missing on some stored events (arrived before the plan required it). */
    public record MissingRequired(String event, String property, long eventsWithout, long events) {}

    public static PlanDiff of(TrackingPlan plan, List<ObservedEvent> observed) {
        List<ObservedEvent> unplannedEvents = new ArrayList<>();
        List<UnplannedProperty> unplannedProps = new ArrayList<>();
        List<TypeDrift> drift = new ArrayList<>();
        List<MissingRequired> missing = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ObservedEvent o : observed) {
            seen.add(o.name());
            if (o.name().startsWith("$")) {
                continue;
            }
            EventSpec spec = plan.event(o.name()).orElse(null);
            if (spec == null) {
                unplannedEvents.add(o);
                continue;
            }
            java.util.Set<String> declared = new java.util.HashSet<>();
            for (PropertySpec p : spec.properties()) {
                declared.add(p.name());
                ObservedEvent.ObservedProperty op = o.properties().get(p.name());
                if (op != null) {
                    boolean other = op.types().keySet().stream().anyMatch(t -> !t.equals(p.type().wire())
                            && !(p.type() == PropertyType.DATETIME && (t.equals("string") || t.equals("number"))));
                    if (other) {
                        drift.add(new TypeDrift(o.name(), p.name(), p.type().wire(), op.types()));
                    }
                }
                long with = op == null ? 0 : op.count();
                if (p.required() && o.stored() > with) {
                    missing.add(new MissingRequired(o.name(), p.name(), o.stored() - with, o.stored()));
                }
            }
            for (ObservedEvent.ObservedProperty op : o.properties().values()) {
                if (!declared.contains(op.name()) && !op.name().startsWith("$")) {
                    unplannedProps.add(new UnplannedProperty(o.name(), op));
                }
            }
        }
        List<String> notSeen = new ArrayList<>();
        for (EventSpec e : plan.events()) {
            if (e.status() == PlanStatus.LIVE && !seen.contains(e.name())) {
                notSeen.add(e.name());
            }
        }
        return new PlanDiff(unplannedEvents, unplannedProps, notSeen, drift, missing);
    }
}
