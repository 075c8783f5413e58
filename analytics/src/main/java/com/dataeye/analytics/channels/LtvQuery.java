package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.InvalidQueryException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * LTV by acquisition channel (PRODUCT.md O6): persons acquired in {@code range} (their first event,
 * attributed to its channel), and their net revenue (paid minus refunded) on each day after.
 *
 * @param asOf      revenue is counted on days before this one (default: today, which is not over);
 *                  a person is "matured" for day N when acquired at least N days before it
 * @param cohort    none, week or month of acquisition
 * @param curveDays length of the cumulative curve
 */
public record LtvQuery(DateRange range, LocalDate asOf, Cohort cohort, int curveDays) {

    public enum Cohort { NONE, WEEK, MONTH }

    public static final int[] HORIZONS = {7, 30, 90};
    public static final int MAX_CURVE_DAYS = 180;

    public static LtvQuery from(Map<String, Object> q, LocalDate today) {
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        LocalDate asOf = today;
        if (q.get("as_of") != null) {
            try {
                asOf = LocalDate.parse(String.valueOf(q.get("as_of")));
            } catch (DateTimeParseException e) {
                throw new InvalidQueryException("as_of", "as_of is a date like 2026-11-25");
            }
        }
        if (asOf.isBefore(range.from())) {
            throw new InvalidQueryException("as_of", "as_of must not be before from");
        }
        Cohort cohort;
        try {
            cohort = Cohort.valueOf(String.valueOf(q.getOrDefault("cohort", "none")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("cohort", "cohort is none, week or month");
        }
        Object c = q.getOrDefault("curve_days", 90);
        if (!(c instanceof Integer days) || days < 1 || days > MAX_CURVE_DAYS) {
            throw new InvalidQueryException("curve_days", "curve_days is 1–" + MAX_CURVE_DAYS);
        }
        return new LtvQuery(range, asOf, cohort, days);
    }
}
