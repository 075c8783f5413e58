package com.dataeye.core.virtualevents;

import java.util.Locale;
import java.util.Optional;

/**
 * How a condition compares a field with its value; case-sensitive, as the SDKs send text. A field
 * the event does not have matches only the negative operators ({@code not_equals}, {@code not_contains}).
 * {@code glob} is the governance URL-list syntax: {@code *} is any run of characters, nothing else
 * is special. {@code regex} is RE2 syntax (no look-around, no back-references) and costs the most.
 */
public enum MatchOp {
    EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, GLOB, REGEX;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean negative() {
        return this == NOT_EQUALS || this == NOT_CONTAINS;
    }

    public static Optional<MatchOp> fromWire(Object s) {
        for (MatchOp o : values()) {
            if (o.wire().equals(s)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
