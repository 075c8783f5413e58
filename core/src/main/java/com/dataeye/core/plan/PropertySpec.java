package com.dataeye.core.plan;

import java.util.List;

/**
 * One property of a planned event.
 *
 * @param allowedValues when not empty, the only values allowed (compared as text)
 * @param min           smallest allowed number (inclusive), or null
 * @param max           largest allowed number (inclusive), or null
 */
public record PropertySpec(String name, String displayZh, String displayEn, PropertyType type, boolean required,
                           List<String> allowedValues, Double min, Double max, String description) {

    public PropertySpec {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static PropertySpec of(String name, PropertyType type, boolean required) {
        return new PropertySpec(name, null, null, type, required, List.of(), null, null, null);
    }
}
