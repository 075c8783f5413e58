package com.dataeye.analytics.funnel;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.Property;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A funnel (PRODUCT.md O3): 2–10 ordered steps, each an event with filters, a conversion window,
 * counted per person after identity merge, optionally broken down by a property of the entry event.
 * The exact rules are in docs/api/analytics.md and are what {@link FunnelRunner} computes.
 */
public record FunnelQuery(List<Step> steps, Duration window, DateRange range, Property breakdown, int breakdownLimit) {

    public record Step(EventRef event, List<Filter> filters) {}

    private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})\\s*(m|min|minutes?|h|hours?|d|days?)");

    @SuppressWarnings("unchecked")
    public static FunnelQuery from(Map<String, Object> q) {
        if (!(q.get("steps") instanceof List<?> raw) || raw.size() < 2 || raw.size() > 10) {
            throw new InvalidQueryException("steps", "a funnel has 2 to 10 steps");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String path = "steps[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?> s) || !(s.get("event") instanceof String event) || event.isBlank() || event.length() > 100) {
                throw new InvalidQueryException(path + ".event", "each step names an event");
            }
            List<Filter> filters = new ArrayList<>();
            if (s.get("filters") instanceof List<?> fl) {
                for (int j = 0; j < fl.size(); j++) {
                    if (!(fl.get(j) instanceof Map<?, ?> f)) {
                        throw new InvalidQueryException(path + ".filters[" + j + "]", "a filter is {\"property\", \"op\", \"value\"}");
                    }
                    filters.add(Filter.of(f, path + ".filters[" + j + "]"));
                }
            }
            steps.add(new Step(EventRef.of(event, path + ".event", q), List.copyOf(filters)));
        }
        Duration window = window(q.getOrDefault("window", "7d"));
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        Property breakdown = null;
        int limit = 10;
        if (q.get("breakdown") instanceof Map<?, ?> b) {
            breakdown = Property.of(String.valueOf(b.get("property")), "breakdown.property");
            if (b.get("limit") instanceof Integer n && n >= 1 && n <= 50) {
                limit = n;
            } else if (b.get("limit") != null) {
                throw new InvalidQueryException("breakdown.limit", "limit is 1–50");
            }
        }
        return new FunnelQuery(List.copyOf(steps), window, range, breakdown, limit);
    }

    /** "30m", "2h", "7d" (1 minute to 180 days). */
    static Duration window(Object value) {
        Matcher m = WINDOW.matcher(String.valueOf(value).trim());
        if (!m.matches()) {
            throw new InvalidQueryException("window", "window is like 30m, 2h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2).charAt(0)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(180)) > 0) {
            throw new InvalidQueryException("window", "window is 1 minute to 180 days");
        }
        return d;
    }
}
