package com.dataeye.analytics.query;

import java.util.List;

/**
 * The persons whose current profile property {@code name} satisfies a condition, read from the store's
 * {@code person_properties} view (the profile records folded in order: set, set once, increment, unset,
 * delete — see docs/features/person-properties.md). A number is compared as a number (text that is no
 * number never matches a range), anything else as its text.
 */
public record PersonPropertySet(String name, Filter condition) implements PersonSet {

    @Override
    public String sql(List<Object> args) {
        args.add(name);
        return "SELECT project_id, person_id FROM person_properties WHERE name = ? AND "
                + condition.conditionSql("value", "TRY_CAST(value AS DOUBLE)", args);
    }
}
