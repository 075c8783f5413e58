package com.dataeye.core.plan;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The types a tracking plan can require of a property, and how a JSON value is classified. */
public enum PropertyType {
    STRING, NUMBER, BOOLEAN, DATETIME, LIST;

    private static final DateTimeFormatter SENSORS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PropertyType> fromWire(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (PropertyType t : values()) {
            if (t.wire().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether a parsed JSON value has this type. A datetime is an ISO-8601 (or Sensors-style) string or epoch millis. */
    public boolean matches(Object v) {
        switch (this) {
            case STRING:
                return v instanceof String;
            case NUMBER:
                return v instanceof Number;
            case BOOLEAN:
                return v instanceof Boolean;
            case LIST:
                return v instanceof List;
            case DATETIME:
                return (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()))
                        || (v instanceof String s && isDateTime(s));
            default:
                return false;
        }
    }

    /** The JSON type of a value as the plan names it ({@code object} and {@code null} have no plan type). */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "object";
        }
        return v.getClass().getSimpleName();
    }

    static boolean isDateTime(String s) {
        int n = s.length();
        if (n < 10 || n > 40 || !Character.isDigit(s.charAt(0))) {
            return false;
        }
        try {
            if (n == 10) {
                LocalDate.parse(s);
            } else if (s.indexOf('T') > 0) {
                char last = s.charAt(n - 1);
                if (last == 'Z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10) {
                    OffsetDateTime.parse(s);
                } else {
                    LocalDateTime.parse(s);
                }
            } else {
                LocalDateTime.parse(s, SENSORS_TIME);
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
