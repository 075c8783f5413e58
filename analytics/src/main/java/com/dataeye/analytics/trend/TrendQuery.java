package com.dataeye.analytics.trend;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.Property;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Event analysis (PRODUCT.md O2, docs/api/analytics.md): one measure of one event per hour, day,
 * week or month, filtered, optionally broken down by a property into its top N values plus "other",
 * optionally compared with the period just before.
 */
public record TrendQuery(EventRef event, Measure measure, Interval interval, DateRange range, List<Filter> filters,
                         Property breakdown, int breakdownLimit, boolean comparePrevious) {

    public enum Interval {
        HOUR, DAY, WEEK, MONTH;

        String sql() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_BREAKDOWN = 50;

    /** Reads and checks a query as it comes from JSON; every mistake names its field. */
    @SuppressWarnings("unchecked")
    public static TrendQuery from(Map<String, Object> q) {
        EventRef event = EventRef.of(q.get("event"), "event", q);
        Map<String, Object> m = q.get("measure") instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
        Measure measure = Measure.of(m.get("type"), m.get("property"), "measure");
        Interval interval;
        try {
            interval = Interval.valueOf(String.valueOf(q.getOrDefault("interval", "day")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("interval", "interval is hour, day, week or month");
        }
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        if (interval == Interval.HOUR && range.days() > 31) {
            throw new InvalidQueryException("interval", "hourly trends cover at most 31 days");
        }
        List<Filter> filters = new ArrayList<>();
        if (q.get("filters") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> f)) {
                    throw new InvalidQueryException("filters[" + i + "]", "a filter is {\"property\", \"op\", \"value\"}");
                }
                filters.add(Filter.of(f, "filters[" + i + "]"));
            }
        } else if (q.get("filters") != null) {
            throw new InvalidQueryException("filters", "filters is a list");
        }
        Property breakdown = null;
        int limit = 10;
        if (q.get("breakdown") instanceof Map<?, ?> b) {
            breakdown = Property.of(String.valueOf(b.get("property")), "breakdown.property");
            if (b.get("limit") != null) {
                if (!(b.get("limit") instanceof Integer n) || n < 1 || n > MAX_BREAKDOWN) {
                    throw new InvalidQueryException("breakdown.limit", "limit is 1–" + MAX_BREAKDOWN);
                }
                limit = n;
            }
        }
        boolean compare = "previous_period".equals(q.get("compare"));
        if (q.get("compare") != null && !compare) {
            throw new InvalidQueryException("compare", "compare is \"previous_period\" or absent");
        }
        return new TrendQuery(event, measure, interval, range, List.copyOf(filters), breakdown, limit, compare);
    }

    public TrendQuery over(DateRange other) {
        return new TrendQuery(event, measure, interval, other, filters, breakdown, breakdownLimit, false);
    }
}
