package com.dataeye.analytics.segments;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lifecycle segments every project has (docs/features/segments.md). Their rules are ordinary
 * definitions, so an operator tunes one by saving a changed definition under the same id, and gets the
 * default back by deleting it. Whales come first: contributors exclude whales, observers exclude both,
 * by referring to them, so tuning whales moves the others with it.
 */
public final class BuiltinSegments {

    public record Builtin(String id, String name, String description, String json) {
        public SegmentNode node() {
            return SegmentParser.parse(definition(), "definition");
        }

        public Map<String, Object> definition() {
            return parse(json);
        }
    }

    private static final Map<String, Builtin> ALL = new LinkedHashMap<>();

    static {
        add("whales", "Whales 大客户", "top spenders: net spend (paid minus refunded) of at least 1,000 over all history",
                "{\"type\":\"rfm\",\"monetary\":{\"op\":\"gte\",\"value\":1000}}");
        add("contributors", "Contributors 传播者", "share and invite: at least 2 shares, or any invite sent, or an invited person who paid; not a whale",
                "{\"and\":[{\"or\":[{\"type\":\"referrals\",\"shares\":{\"op\":\"gte\",\"value\":2}},"
                        + "{\"type\":\"referrals\",\"invites\":{\"op\":\"gte\",\"value\":1}},"
                        + "{\"type\":\"referrals\",\"invited_buyers\":{\"op\":\"gte\",\"value\":1}}]},"
                        + "{\"not\":{\"type\":\"segment\",\"id\":\"whales\"}}]}");
        add("observers", "Observers 围观者", "active but never paid: at least one tracked event, no paid order; neither whale nor contributor",
                "{\"and\":[{\"type\":\"activity\",\"events\":{\"op\":\"gte\",\"value\":1}},"
                        + "{\"type\":\"rfm\",\"frequency\":{\"op\":\"eq\",\"value\":0}},"
                        + "{\"not\":{\"type\":\"segment\",\"id\":\"whales\"}},{\"not\":{\"type\":\"segment\",\"id\":\"contributors\"}}]}");
        add("new", "New 新用户", "first seen in the last 7 days (the evaluation day and the 6 before it)",
                "{\"type\":\"activity\",\"first_seen_days_ago\":{\"op\":\"lte\",\"value\":6}}");
        add("at_risk", "At risk 流失风险", "paid at least once, last seen 14–29 days ago",
                "{\"and\":[{\"type\":\"rfm\",\"frequency\":{\"op\":\"gte\",\"value\":1}},"
                        + "{\"type\":\"activity\",\"last_seen_days_ago\":{\"op\":\"between\",\"value\":[14,29]}}]}");
        add("churned", "Churned 已流失", "last seen 30 or more days ago",
                "{\"type\":\"activity\",\"last_seen_days_ago\":{\"op\":\"gte\",\"value\":30}}");
    }

    private BuiltinSegments() {}

    private static void add(String id, String name, String description, String json) {
        ALL.put(id, new Builtin(id, name, description, json));
    }

    public static Map<String, Builtin> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }

    public static java.util.Optional<Builtin> find(String id) {
        return java.util.Optional.ofNullable(ALL.get(id));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return JsonMapper.builder().build().readValue(json, Map.class);
    }
}
