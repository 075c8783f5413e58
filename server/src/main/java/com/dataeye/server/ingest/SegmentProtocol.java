package com.dataeye.server.ingest;

import com.dataeye.core.ingest.RejectionCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment's HTTP tracking API (PRODUCT.md C5): {@code /v1/track}, {@code /v1/page}, {@code /v1/screen},
 * {@code /v1/identify}, {@code /v1/alias}, {@code /v1/group} and {@code /v1/batch} (also {@code /v1/import}),
 * mapped onto native events, so a shop switches by changing the SDK's host.
 *
 * <ul>
 *   <li>{@code userId} → {@code login_id}, {@code anonymousId} → {@code anonymous_id}, {@code messageId} →
 *       {@code event_id} (Segment SDKs keep it across retries, so dedup works), {@code timestamp}, {@code sentAt};</li>
 *   <li>{@code context.page} → {@code $url}/{@code path}/{@code $title}/{@code $referrer}, {@code context.campaign} →
 *       {@code utm_*}, {@code context.ip}, {@code context.userAgent}, {@code context.library} → {@code lib};</li>
 *   <li>page → {@code $pageview}, screen → {@code $screen}, group → {@code $group} with {@code group_id};</li>
 *   <li>the e-commerce spec's events get our names ({@code Order Completed} → {@code order_paid}, …,
 *       {@link SegmentSpecEvents}), so revenue, funnels and associations count them;</li>
 *   <li>identify → an identify event when both ids are present, and a {@code profile_set} of its traits;
 *       alias → an identify linking {@code previousId} to {@code userId}.</li>
 * </ul>
 */
final class SegmentProtocol implements WireProtocol {

    private final JsonMapper json;

    SegmentProtocol(JsonMapper json) {
        this.json = json;
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] toNative(String path, String query, byte[] body) {
        // the Java SDK posts to "/v1/import/": a trailing slash names the same endpoint
        String type = path == null ? "" : path.replaceFirst("^/", "").replaceFirst("/$", "");
        Map<String, Object> message;
        try {
            message = json.readValue(body, Map.class);
        } catch (JacksonException e) {
            throw new RequestError(RejectionCode.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (type.equals("batch") || type.equals("import")) {
            Object batch = message.get("batch");
            if (!(batch instanceof List<?> list)) {
                throw new RequestError(RejectionCode.MALFORMED_JSON, "a Segment batch needs a \"batch\" array");
            }
            Map<String, Object> sharedContext = map(message.get("context"));
            for (Object m : list) {
                if (m instanceof Map<?, ?> each) {
                    Map<String, Object> msg = new LinkedHashMap<>((Map<String, Object>) each);
                    msg.putIfAbsent("sentAt", message.get("sentAt"));
                    if (!sharedContext.isEmpty()) {
                        Map<String, Object> ctx = new LinkedHashMap<>(sharedContext);
                        ctx.putAll(map(msg.get("context")));
                        msg.put("context", ctx);
                    }
                    translate(String.valueOf(msg.get("type")), msg, out);
                } else {
                    out.add(Map.of("type", "not_an_object"));
                }
            }
        } else if (List.of("track", "page", "screen", "identify", "alias", "group").contains(type)) {
            translate(type, message, out);
        } else {
            throw new RequestError(RejectionCode.UNKNOWN_ENDPOINT, "no Segment endpoint /v1/" + type
                    + "; use track, page, screen, identify, alias, group or batch");
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        if (message.get("writeKey") instanceof String key) {
            envelope.put("write_key", key);
        }
        envelope.put("batch", out);
        return json.writeValueAsBytes(envelope);
    }

    private static void translate(String type, Map<String, Object> msg, List<Map<String, Object>> out) {
        Map<String, Object> props = new LinkedHashMap<>(map(msg.get("properties")));
        switch (type) {
            case "track" -> out.add(event(msg, SegmentSpecEvents.canonical(msg.get("event"), props), props));
            case "page" -> out.add(event(msg, "$pageview", named(msg, props)));
            case "screen" -> out.add(event(msg, "$screen", named(msg, props)));
            case "group" -> {
                Map<String, Object> traits = new LinkedHashMap<>(map(msg.get("traits")));
                traits.put("group_id", msg.get("groupId"));
                out.add(event(msg, "$group", traits));
            }
            case "alias" -> {
                Map<String, Object> link = base(msg);
                link.put("type", "identify");
                link.put("anonymous_id", msg.get("previousId"));
                out.add(link);
            }
            case "identify" -> {
                if (msg.get("userId") != null && msg.get("anonymousId") != null) {
                    Map<String, Object> link = base(msg);
                    link.put("type", "identify");
                    out.add(link);
                }
                Map<String, Object> traits = map(msg.get("traits"));
                if (!traits.isEmpty()) {
                    Map<String, Object> set = base(msg);
                    set.put("type", "profile_set");
                    if (set.get("event_id") != null) {
                        set.put("event_id", set.get("event_id") + ":traits");
                    }
                    set.put("properties", new LinkedHashMap<>(traits));
                    out.add(set);
                }
            }
            default -> {
                Map<String, Object> unknown = base(msg);
                unknown.put("type", "segment:" + type);
                out.add(unknown);
            }
        }
    }

    private static Map<String, Object> named(Map<String, Object> msg, Map<String, Object> props) {
        if (msg.get("name") != null) {
            props.putIfAbsent("name", msg.get("name"));
        }
        if (msg.get("category") != null) {
            props.putIfAbsent("category", msg.get("category"));
        }
        return props;
    }

    private static Map<String, Object> event(Map<String, Object> msg, Object name, Map<String, Object> props) {
        Map<String, Object> e = base(msg);
        e.put("type", "track");
        e.put("event", name);
        Map<String, Object> ctx = map(msg.get("context"));
        Map<String, Object> page = map(ctx.get("page"));
        copy(page, "url", props, "$url");
        copy(page, "path", props, "path");
        copy(page, "title", props, "$title");
        copy(page, "referrer", props, "$referrer");
        Map<String, Object> campaign = map(ctx.get("campaign"));
        copy(campaign, "source", props, "utm_source");
        copy(campaign, "medium", props, "utm_medium");
        copy(campaign, "name", props, "utm_campaign");
        copy(campaign, "content", props, "utm_content");
        copy(campaign, "term", props, "utm_term");
        copy(ctx, "ip", props, "$ip");
        copy(ctx, "userAgent", props, "$user_agent");
        // Segment's e-commerce spec names an order's money "revenue" (or "total"); ours is "amount",
        // the column revenue analyses (LTV, trend sums, attribution) read
        if (!props.containsKey("amount") && !props.containsKey("$amount")) {
            Object money = props.get("revenue") instanceof Number ? props.get("revenue") : props.get("total");
            if (money instanceof Number) {
                props.put("amount", money);
            }
        }
        e.put("properties", props);
        return e;
    }

    /** Ids, time and library: what every Segment message carries. */
    private static Map<String, Object> base(Map<String, Object> msg) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "event_id", msg.get("messageId"));
        put(e, "login_id", msg.get("userId"));
        put(e, "anonymous_id", msg.get("anonymousId"));
        put(e, "timestamp", msg.get("timestamp"));
        put(e, "sent_at", msg.get("sentAt"));
        Map<String, Object> library = map(map(msg.get("context")).get("library"));
        put(e, "lib", library.get("name"));
        put(e, "lib_version", library.get("version"));
        return e;
    }

    private static void copy(Map<String, Object> from, String key, Map<String, Object> to, String as) {
        Object v = from.get(key);
        if (v != null && !to.containsKey(as) && !to.containsKey(as.replace("$", ""))) {
            to.put(as, v);
        }
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
