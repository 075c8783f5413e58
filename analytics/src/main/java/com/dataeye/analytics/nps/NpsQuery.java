package com.dataeye.analytics.nps;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * NPS over the {@code nps_response} events in a range (PRODUCT.md O10), overall and by week or by
 * the respondent's acquisition channel.
 *
 * @param scoreProperty the property holding the 0–10 score ({@code score} by default)
 * @param confidence    level of the interval, e.g. 0.95
 * @param filters       conditions on the responses (event or person properties, segments)
 * @param segments      for {@code by: segment}: the segment ids to compare, each a group of the result
 */
public record NpsQuery(DateRange range, String event, String scoreProperty, By by, double confidence,
                       List<Filter> filters, List<String> segments) {

    /**
     * {@code SEGMENT} groups respondents by membership of each listed segment (a person in two segments
     * counts in both); the server runs one statement per segment with a segment filter added.
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
            throw new InvalidQueryException("by", "by is none, week, channel or segment");
        }
        List<String> segments = List.of();
        if (by == By.SEGMENT) {
            if (!(q.get("segments") instanceof List<?> ids) || ids.isEmpty() || ids.size() > 20) {
                throw new InvalidQueryException("segments", "by segment needs segments: a list of 1–20 segment ids");
            }
            for (int i = 0; i < ids.size(); i++) {
                if (!(ids.get(i) instanceof String)) {
                    throw new InvalidQueryException("segments[" + i + "]", "a segment id is a string");
                }
            }
            segments = ids.stream().map(String.class::cast).toList();
        }
        Object c = q.getOrDefault("confidence", 0.95);
        if (!(c instanceof Number n) || n.doubleValue() <= 0.5 || n.doubleValue() >= 1) {
            throw new InvalidQueryException("confidence", "confidence is a level between 0.5 and 1, e.g. 0.95");
        }
        return new NpsQuery(range, event, score, by, ((Number) c).doubleValue(),
                Filter.list(q.get("filters"), "filters"), segments);
    }

    private static String name(Object value, String field) {
        if (!(value instanceof String s) || !NAME.matcher(s).matches()) {
            throw new InvalidQueryException(field, field + " is a name of letters, digits, _ and $ (at most 64)");
        }
        return s;
    }
}
