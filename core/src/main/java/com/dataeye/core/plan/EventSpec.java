package com.dataeye.core.plan;

import java.util.List;

/** One planned event and its properties. */
public record EventSpec(String name, String displayZh, String displayEn, String description, String owner,
                        PlanStatus status, List<PropertySpec> properties) {

    public EventSpec {
        status = status == null ? PlanStatus.PLANNED : status;
        properties = properties == null ? List.of() : List.copyOf(properties);
    }

    public static EventSpec of(String name, PlanStatus status, List<PropertySpec> properties) {
        return new EventSpec(name, null, null, null, null, status, properties);
    }
}
