package com.dataeye.analytics.nps;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * NPS over the {@code nps_response} events in a range (PRODUCT.md O10), overall and by week or by
 * the respondent's acquisition channel.
 *
 * @param scoreProperty the property holding the 0–10 score ({@code score} by default)
 * @param confidence    level of the interval, e.g. 0.95
 */
public record NpsQuery(DateRange range, String event, String scoreProperty, By by, double confidence) {

    /**
     * {@code SEGMENT} is the hook for segments (issue 5, O9): once segments exist, a segment breakdown
     * groups respondents by their segment membership the way {@code CHANNEL} groups by first touch.
     */
    public enum By { NONE, WEEK, CHANNEL, SEGMENT }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,63}");

    public static NpsQuery from(Map<String, Object> q) {
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        String event = name(q.getOrDefault("event", "nps_response"), "event");
        String score = name(q.getOrDefault("score_property", "score"), "score_property");
        By by;
        try {
            by = By.valueOf(String.valueOf(q.getOrDefault("by", "none")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("by", "by is none, week or channel");
        }
        if (by == By.SEGMENT) {
            throw new InvalidQueryException("by", "NPS by segment needs segments, which this server does not have yet; use none, week or channel");
        }
        Object c = q.getOrDefault("confidence", 0.95);
        if (!(c instanceof Number n) || n.doubleValue() <= 0.5 || n.doubleValue() >= 1) {
            throw new InvalidQueryException("confidence", "confidence is a level between 0.5 and 1, e.g. 0.95");
        }
        return new NpsQuery(range, event, score, by, ((Number) c).doubleValue());
    }

    private static String name(Object value, String field) {
        if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
            throw new InvalidQueryException(field, field + " is a name of letters, digits, _ and $ (at most 64)");
        }
        return s;
    }
}
