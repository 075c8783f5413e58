package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a definition as it comes from JSON, strictly: unknown keys, wrong types and impossible values
 * are refused with the JSON path of the offending field (e.g. {@code definition.and[1].count.op}).
 */
public final class SegmentParser {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");
    private static final Pattern EVENT = Pattern.compile("[$A-Za-z_\\p{IsHan}][$A-Za-z0-9_.\\-\\p{IsHan}]{0,99}");
    static final int MAX_DEPTH = 8;
    static final int MAX_CONDITIONS = 64;

    private int conditions;

    private SegmentParser() {}

    /** @param path where the definition sits in the request, e.g. {@code definition} */
    public static SegmentNode parse(Object json, String path) {
        return new SegmentParser().node(json, path, 0);
    }

    private SegmentNode node(Object json, String path, int depth) {
        if (!(json instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new InvalidQueryException(path, "a condition is {\"and\": [...]}, {\"or\": [...]}, {\"not\": {...}} or {\"type\": ...}");
        }
        if (depth > MAX_DEPTH) {
            throw new InvalidQueryException(path, "definitions nest at most " + MAX_DEPTH + " levels deep");
        }
        if (m.containsKey("and") || m.containsKey("or")) {
            String key = m.containsKey("and") ? "and" : "or";
            Json.strict(m, List.of(key), path);
            if (!(m.get(key) instanceof List<?> list) || list.isEmpty() || list.size() > MAX_CONDITIONS) {
                throw new InvalidQueryException(path + "." + key, key + " takes a list of 1–" + MAX_CONDITIONS + " conditions");
            }
            List<SegmentNode> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(node(list.get(i), path + "." + key + "[" + i + "]", depth + 1));
            }
            return key.equals("and") ? new SegmentNode.And(List.copyOf(out)) : new SegmentNode.Or(List.copyOf(out));
        }
        if (m.containsKey("not")) {
            Json.strict(m, List.of("not"), path);
            return new SegmentNode.Not(node(m.get("not"), path + ".not", depth + 1));
        }
        if (++conditions > MAX_CONDITIONS) {
            throw new InvalidQueryException(path, "a definition has at most " + MAX_CONDITIONS + " conditions");
        }
        Object type = m.get("type");
        if (type == null) {
            throw new InvalidQueryException(path + ".type", "type is required: event, rfm, activity, referrals, property or segment");
        }
        return switch (String.valueOf(type)) {
            case "event" -> did(m, path);
            case "rfm" -> rfm(m, path);
            case "activity" -> activity(m, path);
            case "referrals" -> referrals(m, path);
            case "property" -> property(m, path);
            case "segment" -> segment(m, path);
            default -> throw new InvalidQueryException(path + ".type",
                    "'" + type + "' is not a condition type: event, rfm, activity, referrals, property or segment");
        };
    }

    private static SegmentNode did(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "event", "where", "count", "period"), path);
        if (!(m.get("event") instanceof String event) || !EVENT.matcher(event).matches()) {
            throw new InvalidQueryException(path + ".event", "event is required: an event name");
        }
        List<Filter> where = new ArrayList<>();
        if (m.get("where") instanceof List<?> fs) {
            for (int i = 0; i < fs.size(); i++) {
                String p = path + ".where[" + i + "]";
                if (!(fs.get(i) instanceof Map<?, ?> f)) {
                    throw new InvalidQueryException(p, "a filter is {\"property\", \"op\", \"value\"}");
                }
                Json.strict(f, List.of("property", "op", "value"), p);
                where.add(Filter.of(String.valueOf(f.get("property")), String.valueOf(f.get("op")), f.get("value"), p));
            }
        } else if (m.get("where") != null) {
            throw new InvalidQueryException(path + ".where", "where is a list of filters");
        }
        Comparison count = m.get("count") == null ? new Comparison(Comparison.Op.GTE, 1, 1) : Comparison.parse(m.get("count"), path + ".count");
        return new SegmentNode.Did(event, List.copyOf(where), count, Period.parse(m.get("period"), path + ".period"));
    }

    private static SegmentNode rfm(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "recency_days", "frequency", "monetary", "monetary_top_percent", "gross", "period"), path);
        Double top = null;
        if (m.get("monetary_top_percent") != null) {
            if (!(m.get("monetary_top_percent") instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 100) {
                throw new InvalidQueryException(path + ".monetary_top_percent", "monetary_top_percent is a share of spenders, above 0 and at most 100");
            }
            top = n.doubleValue();
        }
        if (m.get("gross") != null && !(m.get("gross") instanceof Boolean)) {
            throw new InvalidQueryException(path + ".gross", "gross is true or false");
        }
        SegmentNode.Rfm rfm = new SegmentNode.Rfm(optional(m, "recency_days", path), optional(m, "frequency", path),
                optional(m, "monetary", path), top, Boolean.TRUE.equals(m.get("gross")), Period.parse(m.get("period"), path + ".period"));
        if (rfm.recencyDays() == null && rfm.frequency() == null && rfm.monetary() == null && top == null) {
            throw new InvalidQueryException(path, "rfm needs recency_days, frequency, monetary or monetary_top_percent");
        }
        return rfm;
    }

    private static SegmentNode activity(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "events", "active_days", "first_seen_days_ago", "last_seen_days_ago", "period"), path);
        SegmentNode.Activity a = new SegmentNode.Activity(optional(m, "events", path), optional(m, "active_days", path),
                optional(m, "first_seen_days_ago", path), optional(m, "last_seen_days_ago", path), Period.parse(m.get("period"), path + ".period"));
        if (a.events() == null && a.activeDays() == null && a.firstSeenDaysAgo() == null && a.lastSeenDaysAgo() == null) {
            throw new InvalidQueryException(path, "activity needs events, active_days, first_seen_days_ago or last_seen_days_ago");
        }
        return a;
    }

    private static SegmentNode referrals(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "shares", "invites", "invited_buyers", "period"), path);
        SegmentNode.Referrals r = new SegmentNode.Referrals(optional(m, "shares", path), optional(m, "invites", path),
                optional(m, "invited_buyers", path), Period.parse(m.get("period"), path + ".period"));
        if (r.shares() == null && r.invites() == null && r.invitedBuyers() == null) {
            throw new InvalidQueryException(path, "referrals needs shares, invites or invited_buyers");
        }
        return r;
    }

    private static SegmentNode property(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "property", "op", "value"), path);
        return new SegmentNode.PersonProperty(Filter.of(m.get("property") == null ? null : String.valueOf(m.get("property")),
                String.valueOf(m.get("op")), m.get("value"), path));
    }

    private static SegmentNode segment(Map<?, ?> m, String path) {
        Json.strict(m, List.of("type", "id"), path);
        if (!(m.get("id") instanceof String id) || !ID.matcher(id).matches()) {
            throw new InvalidQueryException(path + ".id", "id is a segment id: lower-case letters, digits, _ and -");
        }
        return new SegmentNode.InSegment(id);
    }

    private static Comparison optional(Map<?, ?> m, String key, String path) {
        return m.get(key) == null ? null : Comparison.parse(m.get(key), path + "." + key);
    }
}
