package com.dataeye.core.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Typed reads of wire fields; each failure names the field and what was expected. */
final class Fields {

    private Fields() {}

    static String string(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new RejectedException(RejectionCode.INVALID_FIELD_TYPE, path, path + " must be a string");
    }

    /** Ids are strings, but numeric ids (a user number) are common and safe to take as text. */
    static String id(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        throw new RejectedException(RejectionCode.INVALID_FIELD_TYPE, key, key + " must be a string");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new RejectedException(RejectionCode.INVALID_FIELD_TYPE, key, key + " must be a JSON object");
    }

    /** ISO-8601 with offset ({@code 2026-11-25T10:00:00.123+08:00}) or epoch milliseconds. */
    static Instant instant(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli((long) n.doubleValue());
        }
        if (v instanceof String s) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s);
                } catch (DateTimeParseException e2) {
                    throw new RejectedException(RejectionCode.INVALID_FIELD_TYPE, key,
                            key + " must be an ISO-8601 time with offset or epoch milliseconds, got '" + abbreviate(s) + "'");
                }
            }
        }
        throw new RejectedException(RejectionCode.INVALID_FIELD_TYPE, key,
                key + " must be an ISO-8601 time with offset or epoch milliseconds");
    }

    static BigDecimal decimal(Object v, String path) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, path, path + " must be a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, path,
                path + " must be a number, got " + describe(v));
    }

    static String describe(Object v) {
        if (v instanceof String s) {
            return "the string '" + abbreviate(s) + "'";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof java.util.List) {
            return "a list";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v.getClass().getSimpleName();
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
