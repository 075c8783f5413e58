package com.dataeye.core.enrich;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code utm_*} tags of a landing URL's query string. Many shops send the page URL and nothing
 * else (the README's first curl does), so a campaign link must still be attributed when the SDK did
 * not copy its tags into properties of their own.
 *
 * @param source   {@code utm_source}, or null
 * @param medium   {@code utm_medium}, or null
 * @param campaign {@code utm_campaign}, or null
 * @param content  {@code utm_content}, or null
 * @param term     {@code utm_term}, or null
 */
public record UtmTags(String source, String medium, String campaign, String content, String term) {

    private static final UtmTags NONE = new UtmTags(null, null, null, null, null);

    /** The tags of {@code url}; all null when it has none. Never throws on a malformed URL. */
    public static UtmTags of(String url) {
        if (url == null || !url.contains("utm_")) {
            return NONE;
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return NONE;
        }
        int end = url.indexOf('#', query);
        String[] pairs = url.substring(query + 1, end < 0 ? url.length() : end).split("&");
        String source = null, medium = null, campaign = null, content = null, term = null;
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !pair.startsWith("utm_")) {
                continue;
            }
            String value = decode(pair.substring(eq + 1));
            if (value == null || value.isBlank()) {
                continue;
            }
            switch (pair.substring(0, eq)) {
                case "utm_source" -> source = source == null ? value : source;
                case "utm_medium" -> medium = medium == null ? value : medium;
                case "utm_campaign" -> campaign = campaign == null ? value : campaign;
                case "utm_content" -> content = content == null ? value : content;
                case "utm_term" -> term = term == null ? value : term;
                default -> { }
            }
        }
        return new UtmTags(source, medium, campaign, content, term);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return raw;
        }
    }
}
