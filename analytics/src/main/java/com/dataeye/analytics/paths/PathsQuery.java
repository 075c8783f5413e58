package com.dataeye.analytics.paths;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paths (PRODUCT.md O5): what persons do after (or before) an event, up to 5 steps, within one
 * session (no gap longer than {@code sessionGapMinutes}), with at most {@code maxNodes} distinct events
 * per step and the rest as {@code $other}; docs/api/analytics.md has the exact rules.
 */
public record PathsQuery(EventRef event, List<Filter> filters, boolean after, int depth, int maxNodes, int sessionGapMinutes,
                         List<EventRef> only, DateRange range) {

    @SuppressWarnings("unchecked")
    public static PathsQuery from(Map<String, Object> q) {
        Map<String, Object> start = q.get("start") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (start == null || !(start.get("event") instanceof String event) || event.isBlank()) {
            throw new InvalidQueryException("start.event", "start is {\"event\": …, \"filters\": […]}: where the paths begin (or end)");
        }
        List<Filter> filters = new ArrayList<>();
        if (start.get("filters") instanceof List<?> fl) {
            for (int i = 0; i < fl.size(); i++) {
                if (!(fl.get(i) instanceof Map<?, ?> f)) {
                    throw new InvalidQueryException("start.filters[" + i + "]", "a filter is {\"property\", \"op\", \"value\"}");
                }
                filters.add(Filter.of(f, "start.filters[" + i + "]"));
            }
        }
        Object direction = q.getOrDefault("direction", "after");
        if (!"after".equals(direction) && !"before".equals(direction)) {
            throw new InvalidQueryException("direction", "direction is after or before");
        }
        int depth = integer(q, "depth", 3, 1, 5);
        int maxNodes = integer(q, "max_nodes", 10, 2, 50);
        int gap = integer(q, "session_gap_minutes", 30, 1, 1440);
        List<EventRef> only = new ArrayList<>();
        if (q.get("events") instanceof List<?> l) {
            if (l.size() > 200) {
                throw new InvalidQueryException("events", "events lists at most 200 events");
            }
            for (int i = 0; i < l.size(); i++) {
                only.add(EventRef.of(l.get(i), "events[" + i + "]", q));
            }
        }
        return new PathsQuery(EventRef.of(event, "start.event", q), List.copyOf(filters), "after".equals(direction), depth, maxNodes, gap, List.copyOf(only),
                DateRange.of(q.get("from"), q.get("to"), ""));
    }

    private static int integer(Map<String, Object> q, String key, int fallback, int min, int max) {
        Object v = q.getOrDefault(key, fallback);
        if (!(v instanceof Integer n) || n < min || n > max) {
            throw new InvalidQueryException(key, key + " is " + min + "–" + max);
        }
        return n;
    }
}
