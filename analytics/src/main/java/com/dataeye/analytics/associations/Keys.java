package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.InvalidQueryException;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Strict reading of the association queries' JSON: unknown keys and wrong types name their field. */
final class Keys {

    private static final Pattern EVENT = Pattern.compile("[$A-Za-z_\\p{IsHan}][$A-Za-z0-9_.\\-\\p{IsHan}]{0,99}");

    private Keys() {}

    static void strict(Map<String, Object> q, Set<String> allowed, String prefix) {
        for (String k : q.keySet()) {
            if (!allowed.contains(k)) {
                throw new InvalidQueryException(prefix + k, "unknown field '" + k + "'; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    static String event(Object value, String path) {
        if (!(value instanceof String s) || !EVENT.matcher(s).matches()) {
            throw new InvalidQueryException(path, "an event name is required (letters, digits, _, $, . and -)");
        }
        return s;
    }

    static int integer(Object value, int min, int max, String path) {
        if (!(value instanceof Integer n) || n < min || n > max) {
            throw new InvalidQueryException(path, path + " is a whole number " + min + "–" + max);
        }
        return n;
    }

    static AssociationQuery.Scope scope(Object value, String path) {
        try {
            return AssociationQuery.Scope.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(path, "scope is \"order\" or \"person\"");
        }
    }
}
