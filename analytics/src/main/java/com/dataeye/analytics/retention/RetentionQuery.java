package com.dataeye.analytics.retention;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Retention (PRODUCT.md O4): persons enter the cohort of the day (or week) of their first initial
 * event in the range; period N counts those who did the return event N days (weeks) later.
 * {@code revenue} measures the return event's {@code amount} instead of persons.
 */
public record RetentionQuery(EventRef initialEvent, List<Filter> initialFilters, EventRef returnEvent, List<Filter> returnFilters,
                             Interval interval, int periods, DateRange range, boolean revenue) {

    public enum Interval { DAY, WEEK }

    @SuppressWarnings("unchecked")
    public static RetentionQuery from(Map<String, Object> q) {
        Map<String, Object> initial = q.get("initial") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        Map<String, Object> ret = q.get("return") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (initial == null || !(initial.get("event") instanceof String ie) || ie.isBlank()) {
            throw new InvalidQueryException("initial.event", "initial is {\"event\": …, \"filters\": […]}: what puts a person in a cohort");
        }
        if (ret == null || !(ret.get("event") instanceof String re) || re.isBlank()) {
            throw new InvalidQueryException("return.event", "return is {\"event\": …, \"filters\": […]}: what counts as coming back");
        }
        Interval interval;
        try {
            interval = Interval.valueOf(String.valueOf(q.getOrDefault("interval", "day")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("interval", "interval is day or week");
        }
        Object p = q.getOrDefault("periods", interval == Interval.DAY ? 30 : 12);
        if (!(p instanceof Integer periods) || periods < 1 || periods > (interval == Interval.DAY ? 180 : 52)) {
            throw new InvalidQueryException("periods", "periods is 1–180 days or 1–52 weeks");
        }
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        Object measure = q.getOrDefault("measure", "persons");
        if (!"persons".equals(measure) && !"revenue".equals(measure)) {
            throw new InvalidQueryException("measure", "measure is persons or revenue");
        }
        return new RetentionQuery(EventRef.of(ie, "initial.event", q), filters(initial.get("filters"), "initial.filters"), EventRef.of(re, "return.event", q), filters(ret.get("filters"), "return.filters"),
                interval, periods, range, "revenue".equals(measure));
    }

    private static List<Filter> filters(Object raw, String path) {
        return Filter.list(raw, path);
    }
}
