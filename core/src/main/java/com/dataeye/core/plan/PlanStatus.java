package com.dataeye.core.plan;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a planned event stands: {@code planned} (not sent yet), {@code live}, {@code deprecated}
 * (still accepted, flagged), {@code blocked} (quarantined at ingest whatever the policy).
 */
public enum PlanStatus {
    PLANNED, LIVE, DEPRECATED, BLOCKED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PlanStatus> fromWire(String s) {
        for (PlanStatus v : values()) {
            if (v.wire().equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
