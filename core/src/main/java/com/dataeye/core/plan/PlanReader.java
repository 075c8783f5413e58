package com.dataeye.core.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tracking plan from its parsed tree (a plan file in JSON or YAML, or an API body), checking
 * everything a hostile or careless file can get wrong: unknown types, duplicate names, the same
 * property declared with two types, ranges upside down, and sizes past {@link Limits}. Each error
 * names the path of the offending field, e.g. {@code events[3].properties[1].type}.
 */
public final class PlanReader {

    /** Bounds that keep one plan from costing the collector or the database more than a shop ever needs. */
    public record Limits(int maxEvents, int maxPropertiesPerEvent, int maxAllowedValues, int maxTextLength) {
        public static final Limits DEFAULTS = new Limits(2_000, 300, 1_000, 2_000);
    }

    private static final int MAX_NAME = 100;

    private final Limits limits;

    public PlanReader(Limits limits) {
        this.limits = limits;
    }

    public PlanReader() {
        this(Limits.DEFAULTS);
    }

    public TrackingPlan plan(Object tree) {
        Map<String, Object> root = object(tree, "");
        UnknownPolicy unknownEvents = UnknownPolicy.ACCEPT;
        UnknownPolicy unknownProperties = UnknownPolicy.ACCEPT;
        Object policy = root.get("policy");
        if (policy != null) {
            Map<String, Object> p = object(policy, "policy");
            unknownEvents = policy(p.get("unknown_events"), "policy.unknown_events");
            unknownProperties = policy(p.get("unknown_properties"), "policy.unknown_properties");
        }
        List<Object> list = list(root.get("events"), "events");
        if (list.size() > limits.maxEvents()) {
            throw new PlanFileException("plan_too_large", "events",
                    list.size() + " events, at most " + limits.maxEvents() + " are allowed in one plan");
        }
        List<EventSpec> events = new ArrayList<>(list.size());
        Set<String> names = new HashSet<>();
        Map<String, PropertyType> typeOf = new HashMap<>();
        Map<String, String> declaredIn = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "events[" + i + "]";
            EventSpec e = event(list.get(i), path);
            if (!names.add(e.name())) {
                throw new PlanFileException("invalid_plan", path + ".name", "event '" + e.name() + "' is declared twice");
            }
            for (int j = 0; j < e.properties().size(); j++) {
                PropertySpec p = e.properties().get(j);
                PropertyType before = typeOf.putIfAbsent(p.name(), p.type());
                if (before != null && before != p.type()) {
                    throw new PlanFileException("conflicting_types", path + ".properties[" + j + "].type",
                            "property '" + p.name() + "' is " + p.type().wire() + " here but " + before.wire()
                                    + " in event '" + declaredIn.get(p.name()) + "'; one property name has one type");
                }
                declaredIn.putIfAbsent(p.name(), e.name());
            }
            events.add(e);
        }
        return new TrackingPlan(unknownEvents, unknownProperties, events);
    }

    public EventSpec event(Object tree, String path) {
        Map<String, Object> m = object(tree, path);
        String name = name(m.get("name"), path + ".name");
        String[] display = display(m.get("display_name"), path + ".display_name");
        PlanStatus status = PlanStatus.LIVE;
        if (m.get("status") != null) {
            String s = text(m.get("status"), path + ".status");
            status = PlanStatus.fromWire(s).orElseThrow(() -> new PlanFileException("invalid_plan", path + ".status",
                    "status must be planned, live, deprecated or blocked, got '" + abbreviate(s) + "'"));
        }
        List<Object> props = m.get("properties") == null ? List.of() : list(m.get("properties"), path + ".properties");
        if (props.size() > limits.maxPropertiesPerEvent()) {
            throw new PlanFileException("plan_too_large", path + ".properties",
                    props.size() + " properties, at most " + limits.maxPropertiesPerEvent() + " per event");
        }
        List<PropertySpec> specs = new ArrayList<>(props.size());
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < props.size(); j++) {
            String pp = path + ".properties[" + j + "]";
            PropertySpec p = property(props.get(j), pp);
            if (!seen.add(p.name())) {
                throw new PlanFileException("conflicting_types", pp + ".name", "property '" + p.name() + "' is declared twice in one event");
            }
            specs.add(p);
        }
        return new EventSpec(name, display[0], display[1], optText(m.get("description"), path + ".description"),
                optText(m.get("owner"), path + ".owner"), status, specs);
    }

    PropertySpec property(Object tree, String path) {
        Map<String, Object> m = object(tree, path);
        String name = name(m.get("name"), path + ".name");
        String t = text(m.get("type"), path + ".type");
        PropertyType type = PropertyType.fromWire(t).orElseThrow(() -> new PlanFileException("invalid_plan", path + ".type",
                "type must be string, number, boolean, datetime or list, got '" + abbreviate(t) + "'"));
        boolean required = false;
        if (m.get("required") != null) {
            if (!(m.get("required") instanceof Boolean b)) {
                throw new PlanFileException("invalid_plan", path + ".required", "required must be true or false");
            }
            required = b;
        }
        List<String> allowed = new ArrayList<>();
        if (m.get("allowed_values") != null) {
            List<Object> values = list(m.get("allowed_values"), path + ".allowed_values");
            if (values.size() > limits.maxAllowedValues()) {
                throw new PlanFileException("plan_too_large", path + ".allowed_values",
                        values.size() + " allowed values, at most " + limits.maxAllowedValues());
            }
            if (type != PropertyType.STRING && type != PropertyType.NUMBER) {
                throw new PlanFileException("invalid_plan", path + ".allowed_values", "allowed values apply to string and number properties only");
            }
            for (int k = 0; k < values.size(); k++) {
                Object v = values.get(k);
                if (!type.matches(v)) {
                    throw new PlanFileException("conflicting_types", path + ".allowed_values[" + k + "]",
                            "allowed value " + abbreviate(String.valueOf(v)) + " is " + PropertyType.describe(v)
                                    + ", but the property is " + type.wire());
                }
                allowed.add(CompiledPlan.asText(v));
            }
        }
        Double min = number(m.get("min"), path + ".min");
        Double max = number(m.get("max"), path + ".max");
        if ((min != null || max != null) && type != PropertyType.NUMBER) {
            throw new PlanFileException("invalid_plan", path + (min != null ? ".min" : ".max"), "min and max apply to number properties only");
        }
        if (min != null && max != null && min > max) {
            throw new PlanFileException("invalid_plan", path + ".min", "min " + min + " is greater than max " + max);
        }
        String[] display = display(m.get("display_name"), path + ".display_name");
        return new PropertySpec(name, display[0], display[1], type, required, allowed, min, max,
                optText(m.get("description"), path + ".description"));
    }

    private static UnknownPolicy policy(Object v, String path) {
        if (v == null) {
            return UnknownPolicy.ACCEPT;
        }
        String s = v instanceof String str ? str : String.valueOf(v);
        return UnknownPolicy.fromWire(s).orElseThrow(() -> new PlanFileException("invalid_plan", path,
                "policy must be accept, flag or quarantine, got '" + abbreviate(s) + "'"));
    }

    private String[] display(Object v, String path) {
        if (v == null) {
            return new String[2];
        }
        if (v instanceof String s) {
            return new String[] {limited(s, path), null};
        }
        Map<String, Object> m = object(v, path);
        return new String[] {optText(m.get("zh"), path + ".zh"), optText(m.get("en"), path + ".en")};
    }

    private static String name(Object v, String path) {
        if (!(v instanceof String s) || s.isBlank()) {
            throw new PlanFileException("invalid_plan", path, "a name is required (a non-empty string)");
        }
        if (s.length() > MAX_NAME) {
            throw new PlanFileException("invalid_plan", path, "names are at most " + MAX_NAME + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new PlanFileException("invalid_plan", path, "names contain no control characters");
            }
        }
        return s;
    }

    private String text(Object v, String path) {
        if (!(v instanceof String s)) {
            throw new PlanFileException("invalid_plan", path, path + " must be a string");
        }
        return limited(s, path);
    }

    private String optText(Object v, String path) {
        return v == null ? null : text(v, path);
    }

    private String limited(String s, String path) {
        if (s.length() > limits.maxTextLength()) {
            throw new PlanFileException("plan_too_large", path, "at most " + limits.maxTextLength() + " characters");
        }
        return s;
    }

    private static Double number(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw new PlanFileException("invalid_plan", path, path + " must be a number");
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String path) {
        if (!(v instanceof Map)) {
            throw new PlanFileException("invalid_plan", path.isEmpty() ? "$" : path,
                    (path.isEmpty() ? "the plan" : path) + " must be an object, got " + PropertyType.describe(v));
        }
        return new LinkedHashMap<>((Map<String, Object>) v);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String path) {
        if (!(v instanceof List)) {
            throw new PlanFileException("invalid_plan", path, path + " must be a list, got " + PropertyType.describe(v));
        }
        return (List<Object>) v;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
