package com.dataeye.core.virtualevents;

import java.util.List;
import java.util.Map;

/**
 * One way an event counts as the virtual event: its name is one of {@code events} and every
 * condition holds. A rule with no conditions makes the virtual event the union of those events.
 */
public record MatchRule(List<String> events, List<Condition> conditions) {

    public MatchRule {
        events = List.copyOf(events);
        conditions = List.copyOf(conditions);
    }

    /** The reference semantics, for tests and previews: {@code fields} maps each field to the event's value. */
    public boolean matches(String event, Map<MatchField, String> fields) {
        if (!events.contains(event)) {
            return false;
        }
        for (Condition c : conditions) {
            if (!c.test(fields.get(c.field()))) {
                return false;
            }
        }
        return true;
    }
}
