package com.dataeye.core.enrich;

import java.util.Locale;

/**
 * Pulls the host out of a referrer or page URL without {@code java.net.URI}, which rejects the
 * unescaped spaces and Chinese that real referrers carry ({@code https://m.baidu.com/s?word=ps 素材}),
 * and is slower than needed on the ingest path.
 */
final class UrlHost {

    private UrlHost() {
    }

    /**
     * @return the host in lower case without port, user info, trailing dot or a leading {@code www.},
     *     so {@code https://WWW.Example.com:8443/x} and {@code http://example.com} give the same
     *     {@code example.com}; null when {@code url} has no recognisable host
     */
    static String of(String url) {
        if (url == null) {
            return null;
        }
        String s = url.strip();
        int start = authorityStart(s);
        if (start < 0) {
            return null;
        }
        int end = start;
        while (end < s.length() && "/?#\\".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = s.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1); // drop user:password@
        String host = withoutPort(authority).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return isPlausibleHost(host) ? host : null;
    }

    /** Index after {@code scheme://} or {@code //}; 0 for a bare {@code host/path}; -1 for no host. */
    private static int authorityStart(String s) {
        int separator = s.indexOf("://");
        if (separator > 0 && isScheme(s, separator)) {
            return separator + 3;
        }
        if (s.startsWith("//")) {
            return 2;
        }
        // referrers copied without a scheme ("www.baidu.com/s?wd=..."): accept when it starts like a domain
        int firstSlash = s.indexOf('/');
        String head = firstSlash < 0 ? s : s.substring(0, firstSlash);
        return head.indexOf('.') > 0 && head.indexOf(':') < 0 ? 0 : -1;
    }

    private static boolean isScheme(String s, int end) {
        for (int i = 0; i < end; i++) {
            char ch = s.charAt(i);
            boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
                    || (i > 0 && ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String withoutPort(String authority) {
        if (authority.startsWith("[")) { // IPv6 literal: the port colon comes after the bracket
            int close = authority.indexOf(']');
            return close < 0 ? "" : authority.substring(0, close + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static boolean isPlausibleHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char ch = host.charAt(i);
            if (Character.isWhitespace(ch) || ch == '<' || ch == '>' || ch == '"' || ch == '\'') {
                return false;
            }
        }
        return true;
    }
}
