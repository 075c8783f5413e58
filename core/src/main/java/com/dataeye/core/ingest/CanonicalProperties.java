package com.dataeye.core.ingest;

import com.dataeye.core.enrich.UtmTags;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The properties that become columns of their own (ARCHITECTURE.md "Events"), taken out of the
 * property map so they are stored once. Each column accepts our name and the SDK preset name
 * ({@code url} or {@code $url}); the first present wins.
 */
record CanonicalProperties(
        String url, String path, String title, String referrer,
        String utmSource, String utmMedium, String utmCampaign, String utmContent, String utmTerm,
        String os, String browser, String deviceType, String screen,
        String elementSelector, String elementPath, String elementText,
        String orderId, String productId, BigDecimal amount,
        String userAgent, String ip, String lib, String libVersion,
        String shareSource, String inviteCode) {

    static CanonicalProperties extract(Map<String, Object> p) {
        return read(p).withTagsFromUrl();
    }

    /** The columns' names, ours then the SDK preset's, in the order their types are checked. */
    private static final String[][] COLUMNS = {
            {"url", "$url"}, {"path", "$url_path"}, {"title", "$title"}, {"referrer", "$referrer"},
            {"utm_source", "$utm_source"}, {"utm_medium", "$utm_medium"}, {"utm_campaign", "$utm_campaign"},
            {"utm_content", "$utm_content"}, {"utm_term", "$utm_term"},
            {"os", "$os"}, {"browser", "$browser"}, {"device_type", "$device_type"}, {"screen", "$screen"},
            {"element_selector", "$element_selector"}, {"element_path", "$element_path"},
            {"element_text", "$element_content"},
            {"order_id", "$order_id"}, {"product_id", "$product_id"}, {"amount", "$amount"},
            {"user_agent", "$user_agent"}, {"ip", "$ip"}, {"$lib", "$lib"}, {"$lib_version", "$lib_version"}};
    private static final int ORDER_ID = 16;
    private static final int PRODUCT_ID = 17;
    private static final int AMOUNT = 18;

    /** Each column name's slot: 2 × column, + 1 for the preset name. */
    private static final Map<String, Integer> SLOTS = new java.util.HashMap<>();

    static {
        for (int i = 0; i < COLUMNS.length; i++) {
            SLOTS.put(COLUMNS[i][1], 2 * i + 1);
            SLOTS.put(COLUMNS[i][0], 2 * i); // "$lib": our name and the preset are one
        }
    }

    /** The values found, by slot; one array per thread, emptied after each event, so an event allocates none. */
    private static final ThreadLocal<Object[]> SCRATCH = ThreadLocal.withInitial(() -> new Object[2 * COLUMNS.length]);

    private static CanonicalProperties read(Map<String, Object> p) {
        Object[] slots = SCRATCH.get();
        try {
            return read(p, slots);
        } finally {
            java.util.Arrays.fill(slots, null);
        }
    }

    private static CanonicalProperties read(Map<String, Object> p, Object[] slots) {
        // one pass over the properties (a few), not two removals for each of the 23 columns: the same
        // values taken out, our name winning over the preset's when both are there and not null
        for (java.util.Iterator<Map.Entry<String, Object>> it = p.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> e = it.next();
            Integer slot = SLOTS.get(e.getKey());
            if (slot != null) {
                slots[slot] = e.getValue();
                it.remove();
            }
        }
        // types checked column by column in this order (arguments are evaluated left to right), so a wrong one
        // is reported as before
        return new CanonicalProperties(text(slots, 0), text(slots, 1), text(slots, 2), text(slots, 3), text(slots, 4),
                text(slots, 5), text(slots, 6), text(slots, 7), text(slots, 8), text(slots, 9), text(slots, 10),
                text(slots, 11), text(slots, 12), text(slots, 13), text(slots, 14), text(slots, 15),
                id(slots, ORDER_ID), id(slots, PRODUCT_ID), Fields.decimal(value(slots, AMOUNT), "properties.amount"),
                text(slots, 19), text(slots, 20), text(slots, 21), text(slots, 22),
                // share and invite sources stay in the properties too: they are business facts
                peek(p, "share_source", "$share_source"), peek(p, "invite_code", "$invite_code"));
    }

    /** Tags sent as properties win; a URL's own {@code utm_*} fill in only when none were sent. */
    private CanonicalProperties withTagsFromUrl() {
        if (utmSource != null || utmMedium != null || utmCampaign != null || utmContent != null || utmTerm != null) {
            return this;
        }
        UtmTags t = UtmTags.of(url);
        if (t.source() == null && t.medium() == null && t.campaign() == null && t.content() == null && t.term() == null) {
            return this;
        }
        return new CanonicalProperties(url, path, title, referrer,
                t.source(), t.medium(), t.campaign(), t.content(), t.term(),
                os, browser, deviceType, screen, elementSelector, elementPath, elementText,
                orderId, productId, amount, userAgent, ip, lib, libVersion, shareSource, inviteCode);
    }

    /** Column {@code i}'s value: under our name, or else the preset's. */
    private static Object value(Object[] slots, int i) {
        return slots[2 * i] != null ? slots[2 * i] : slots[2 * i + 1];
    }

    private static String text(Object[] slots, int i) {
        Object v = value(slots, i);
        String name = COLUMNS[i][0];
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, "properties." + name,
                "properties." + name + " must be a string, got " + Fields.describe(v));
    }

    private static String id(Object[] slots, int i) {
        Object v = value(slots, i);
        String name = COLUMNS[i][0];
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.toString();
        }
        throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, "properties." + name,
                "properties." + name + " must be a string or an integer, got " + Fields.describe(v));
    }

    private static String peek(Map<String, Object> p, String name, String preset) {
        Object v = p.containsKey(name) ? p.get(name) : p.get(preset);
        return v == null ? null : v.toString();
    }
}
