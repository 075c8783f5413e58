package com.dataeye.core.plan;

import java.util.List;

/**
 * What the plan says about one event, when it says anything: a violation (quarantine), a drop
 * (autocapture governance), or flags to store with the event.
 */
public record PlanVerdict(Violation violation, String dropReason, boolean unplannedEvent,
                          List<String> unplannedProperties, boolean deprecated) {

    /** Why an event breaks the plan: what, where ({@code properties.amount}), expected and got. */
    public record Violation(Kind kind, String field, String expected, String got) {

        public String message() {
            return switch (kind) {
                case UNPLANNED_EVENT -> "event is not in the tracking plan and the project quarantines unknown events";
                case UNPLANNED_PROPERTY -> field + " is not in the tracking plan for this event and the project quarantines unknown properties";
                case EVENT_BLOCKED -> "event is blocked in the tracking plan";
                case REQUIRED_MISSING -> field + " is required by the tracking plan: expected " + expected + ", got nothing";
                case TYPE_MISMATCH -> field + ": expected " + expected + ", got " + got;
                case VALUE_NOT_ALLOWED -> field + ": expected one of " + expected + ", got " + got;
                case OUT_OF_RANGE -> field + ": expected " + expected + ", got " + got;
            };
        }
    }

    public enum Kind { UNPLANNED_EVENT, UNPLANNED_PROPERTY, EVENT_BLOCKED, REQUIRED_MISSING, TYPE_MISMATCH, VALUE_NOT_ALLOWED, OUT_OF_RANGE }

    static PlanVerdict reject(Violation v) {
        return new PlanVerdict(v, null, false, List.of(), false);
    }

    static PlanVerdict drop(String reason) {
        return new PlanVerdict(null, reason, false, List.of(), false);
    }
}
