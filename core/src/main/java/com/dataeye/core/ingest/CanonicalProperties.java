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

    private static CanonicalProperties read(Map<String, Object> p) {
        return new CanonicalProperties(
                text(p, "url", "$url"), text(p, "path", "$url_path"), text(p, "title", "$title"),
                text(p, "referrer", "$referrer"),
                text(p, "utm_source", "$utm_source"), text(p, "utm_medium", "$utm_medium"),
                text(p, "utm_campaign", "$utm_campaign"), text(p, "utm_content", "$utm_content"),
                text(p, "utm_term", "$utm_term"),
                text(p, "os", "$os"), text(p, "browser", "$browser"), text(p, "device_type", "$device_type"),
                text(p, "screen", "$screen"),
                text(p, "element_selector", "$element_selector"), text(p, "element_path", "$element_path"),
                text(p, "element_text", "$element_content"),
                id(p, "order_id", "$order_id"), id(p, "product_id", "$product_id"), amount(p),
                text(p, "user_agent", "$user_agent"), text(p, "ip", "$ip"),
                text(p, "$lib", "$lib"), text(p, "$lib_version", "$lib_version"),
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

    private static String text(Map<String, Object> p, String name, String preset) {
        Object v = take(p, name, preset);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, "properties." + name,
                "properties." + name + " must be a string, got " + Fields.describe(v));
    }

    private static String id(Map<String, Object> p, String name, String preset) {
        Object v = take(p, name, preset);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
            return n.toString();
        }
        throw new RejectedException(RejectionCode.INVALID_PROPERTY_TYPE, "properties." + name,
                "properties." + name + " must be a string or an integer, got " + Fields.describe(v));
    }

    private static BigDecimal amount(Map<String, Object> p) {
        return Fields.decimal(take(p, "amount", "$amount"), "properties.amount");
    }

    private static String peek(Map<String, Object> p, String name, String preset) {
        Object v = p.containsKey(name) ? p.get(name) : p.get(preset);
        return v == null ? null : v.toString();
    }

    private static Object take(Map<String, Object> p, String name, String preset) {
        Object v = p.remove(name);
        Object w = name.equals(preset) ? null : p.remove(preset);
        return v != null ? v : w;
    }
}
