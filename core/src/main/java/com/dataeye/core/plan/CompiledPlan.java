package com.dataeye.core.plan;

import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.core.autocapture.AutocaptureRules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tracking plan (and the project's autocapture rules) in the shape the collector checks per event:
 * immutable hash lookups, nothing parsed or allocated on the common path of a planned event whose
 * properties are all as declared. Built once per plan change, shared by every request thread.
 */
public final class CompiledPlan {

    public static final CompiledPlan EMPTY = new CompiledPlan(TrackingPlan.EMPTY, AutocaptureRules.KEEP_ALL);

    private final TrackingPlan plan;
    private final AutocaptureRules autocapture;
    private final Map<String, CompiledEvent> events;
    private final boolean checksNothing;

    private record CompiledProperty(PropertySpec spec, Set<String> allowed) {}

    private record CompiledEvent(EventSpec spec, Map<String, CompiledProperty> properties, List<CompiledProperty> required) {}

    public CompiledPlan(TrackingPlan plan, AutocaptureRules autocapture) {
        this.plan = plan;
        this.autocapture = autocapture;
        Map<String, CompiledEvent> byName = new HashMap<>();
        for (EventSpec e : plan.events()) {
            Map<String, CompiledProperty> props = new HashMap<>();
            List<CompiledProperty> required = new ArrayList<>();
            for (PropertySpec p : e.properties()) {
                CompiledProperty cp = new CompiledProperty(p, p.allowedValues().isEmpty() ? null : new HashSet<>(p.allowedValues()));
                props.put(p.name(), cp);
                if (p.required()) {
                    required.add(cp);
                }
            }
            byName.put(e.name(), new CompiledEvent(e, Map.copyOf(props), List.copyOf(required)));
        }
        this.events = Map.copyOf(byName);
        this.checksNothing = events.isEmpty() && plan.unknownEvents() == UnknownPolicy.ACCEPT && autocapture == AutocaptureRules.KEEP_ALL;
    }

    public TrackingPlan plan() {
        return plan;
    }

    public AutocaptureRules autocapture() {
        return autocapture;
    }

    /**
     * Checks one track event's properties (before any are moved to columns). Returns null when the
     * event passes with nothing to record — the common case, which allocates nothing.
     *
     * @param url        the page URL (for autocapture allow/deny lists), may be null
     * @param distinctId the device or user id (autocapture sampling keeps whole devices)
     */
    public PlanVerdict check(String event, Map<String, Object> props, String url, String distinctId) {
        if (checksNothing) {
            return null;
        }
        CompiledEvent ce = events.get(event);
        if (ce == null) {
            AutocaptureKind kind = AutocaptureKind.of(event).orElse(null);
            if (kind != null) {
                String drop = autocapture.dropReason(kind, url, distinctId);
                return drop == null ? null : PlanVerdict.drop(drop);
            }
            if (event.charAt(0) == '$') {
                return null; // other SDK presets ($identify, $SignUp …) are not the shop's plan to make
            }
            switch (plan.unknownEvents()) {
                case QUARANTINE:
                    return PlanVerdict.reject(new PlanVerdict.Violation(PlanVerdict.Kind.UNPLANNED_EVENT, "event", null, event));
                case FLAG:
                    return new PlanVerdict(null, null, true, List.of(), false);
                default:
                    return null;
            }
        }
        if (ce.spec().status() == PlanStatus.BLOCKED) {
            return PlanVerdict.reject(new PlanVerdict.Violation(PlanVerdict.Kind.EVENT_BLOCKED, "event", null, event));
        }
        AutocaptureKind kind = AutocaptureKind.of(event).orElse(null);
        if (kind != null) {
            String drop = autocapture.dropReason(kind, url, distinctId);
            if (drop != null) {
                return PlanVerdict.drop(drop);
            }
        }
        for (CompiledProperty r : ce.required()) {
            if (props.get(r.spec().name()) == null) {
                return PlanVerdict.reject(new PlanVerdict.Violation(PlanVerdict.Kind.REQUIRED_MISSING,
                        "properties." + r.spec().name(), r.spec().type().wire(), null));
            }
        }
        List<String> unplanned = null;
        for (Map.Entry<String, Object> p : props.entrySet()) {
            String name = p.getKey();
            CompiledProperty cp = ce.properties().get(name);
            if (cp == null) {
                if (name.isEmpty() || name.charAt(0) == '$' || plan.unknownProperties() == UnknownPolicy.ACCEPT) {
                    continue;
                }
                if (plan.unknownProperties() == UnknownPolicy.QUARANTINE) {
                    return PlanVerdict.reject(new PlanVerdict.Violation(PlanVerdict.Kind.UNPLANNED_PROPERTY,
                            "properties." + name, null, PropertyType.describe(p.getValue())));
                }
                if (unplanned == null) {
                    unplanned = new ArrayList<>(2);
                }
                unplanned.add(name);
                continue;
            }
            Object v = p.getValue();
            if (v == null) {
                continue;
            }
            PlanVerdict.Violation bad = checkValue(cp, "properties." + name, v);
            if (bad != null) {
                return PlanVerdict.reject(bad);
            }
        }
        boolean deprecated = ce.spec().status() == PlanStatus.DEPRECATED;
        if (unplanned == null && !deprecated) {
            return null;
        }
        return new PlanVerdict(null, null, false, unplanned == null ? List.of() : unplanned, deprecated);
    }

    private static PlanVerdict.Violation checkValue(CompiledProperty cp, String field, Object v) {
        PropertySpec s = cp.spec();
        if (!s.type().matches(v)) {
            return new PlanVerdict.Violation(PlanVerdict.Kind.TYPE_MISMATCH, field, s.type().wire(), got(v));
        }
        if (cp.allowed() != null && !cp.allowed().contains(asText(v))) {
            return new PlanVerdict.Violation(PlanVerdict.Kind.VALUE_NOT_ALLOWED, field, s.allowedValues().toString(), got(v));
        }
        if (v instanceof Number n && (s.min() != null || s.max() != null)) {
            double d = n.doubleValue();
            if ((s.min() != null && d < s.min()) || (s.max() != null && d > s.max())) {
                return new PlanVerdict.Violation(PlanVerdict.Kind.OUT_OF_RANGE, field,
                        "a number in [" + (s.min() == null ? "-∞" : s.min()) + ", " + (s.max() == null ? "∞" : s.max()) + "]", got(v));
            }
        }
        return null;
    }

    /** What a value was, for the quarantine reason: its type and (abbreviated) value. */
    private static String got(Object v) {
        String type = PropertyType.describe(v);
        if (v instanceof String s) {
            return type + " \"" + PlanReader.abbreviate(s) + "\"";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return type + " " + v;
        }
        return type;
    }

    /** A string or number as the text allowed values are compared by ({@code 1}, {@code 1.0} and {@code 1.00} alike). */
    static String asText(Object v) {
        if (v instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            return d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }
}
