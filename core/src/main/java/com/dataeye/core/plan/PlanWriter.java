package com.dataeye.core.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan as a tree in the file format {@link PlanReader} reads, ready for JSON or YAML. */
public final class PlanWriter {

    private PlanWriter() {}

    public static Map<String, Object> tree(TrackingPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("policy", Map.of("unknown_events", plan.unknownEvents().wire(),
                "unknown_properties", plan.unknownProperties().wire()));
        List<Object> events = new ArrayList<>();
        for (EventSpec e : plan.events()) {
            events.add(event(e));
        }
        root.put("events", events);
        return root;
    }

    public static Map<String, Object> event(EventSpec e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        display(m, e.displayZh(), e.displayEn());
        put(m, "description", e.description());
        put(m, "owner", e.owner());
        m.put("status", e.status().wire());
        List<Object> props = new ArrayList<>();
        for (PropertySpec p : e.properties()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            display(pm, p.displayZh(), p.displayEn());
            pm.put("type", p.type().wire());
            pm.put("required", p.required());
            if (!p.allowedValues().isEmpty()) {
                pm.put("allowed_values", p.type() == PropertyType.NUMBER
                        ? p.allowedValues().stream().map(v -> (Object) Double.valueOf(v)).toList() : p.allowedValues());
            }
            put(pm, "min", p.min());
            put(pm, "max", p.max());
            put(pm, "description", p.description());
            props.add(pm);
        }
        m.put("properties", props);
        return m;
    }

    private static void display(Map<String, Object> m, String zh, String en) {
        if (zh != null || en != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            put(d, "zh", zh);
            put(d, "en", en);
            m.put("display_name", d);
        }
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
