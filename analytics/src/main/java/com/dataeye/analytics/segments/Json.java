package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.InvalidQueryException;

import java.util.Collection;
import java.util.Map;

/** Strict reading of definition JSON: an unknown key is a mistake the operator should hear about. */
final class Json {

    private Json() {}

    static void strict(Map<?, ?> m, Collection<String> allowed, String path) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                throw new InvalidQueryException(path.isEmpty() ? String.valueOf(k) : path + "." + k,
                        "unknown field '" + k + "'; allowed here: " + String.join(", ", allowed));
            }
        }
    }
}
