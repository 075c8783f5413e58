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
            Instant fast = isoMillis(s);
            if (fast != null) {
                return fast;
            }
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

    /**
     * The shape SDKs and exports send ({@code 2026-11-25T10:00:00.123+08:00} or {@code …00.123Z}) read
     * without the general ISO parser (a bulk import reads millions); anything else, or any field out of
     * range, returns null and takes the general parser, so what is accepted and refused is unchanged.
     */
    static Instant isoMillis(String s) {
        int n = s.length();
        if ((n != 29 && n != 24) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(19) != '.') {
            return null;
        }
        int offsetSeconds;
        if (n == 24) {
            if (s.charAt(23) != 'Z') {
                return null;
            }
            offsetSeconds = 0;
        } else {
            char sign = s.charAt(23);
            int oh = digits(s, 24, 26);
            int om = digits(s, 27, 29);
            if ((sign != '+' && sign != '-') || s.charAt(26) != ':' || oh < 0 || om < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            if (Math.abs(offsetSeconds) > 18 * 3600) {
                return null;
            }
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int millis = digits(s, 20, 23);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
