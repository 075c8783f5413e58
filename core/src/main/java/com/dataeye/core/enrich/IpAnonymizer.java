package com.dataeye.core.enrich;

/**
 * Cuts client IP addresses down to a network prefix before storage, so the stored value still locates
 * a visitor to a city or carrier but no longer to a household.
 *
 * <p>IPv4 keeps /24 (last octet zeroed); IPv6 keeps /48 (a typical site allocation). IPv4-mapped IPv6
 * addresses ({@code ::ffff:203.0.113.77}, as dual-stack sockets report IPv4 clients) are treated as the
 * IPv4 address they carry, so one visitor gets one form.
 *
 * <p>The input is parsed as a literal by hand. {@code InetAddress.getByName} would resolve anything that
 * is not a literal through DNS, and the input here comes from request headers that a client controls.
 */
public final class IpAnonymizer {

    private static final int IPV6_GROUPS = 8;
    private static final int IPV6_GROUPS_KEPT = 3; // 3 x 16 bits = /48

    private IpAnonymizer() {
    }

    /**
     * @param ip an IPv4 or IPv6 literal; surrounding whitespace, {@code [brackets]} and an IPv6 zone
     *     ({@code %eth0}) are tolerated
     * @return the truncated address (IPv6 in RFC 5952 compressed form), or null if {@code ip} is null or
     *     not an IP literal
     */
    public static String truncate(String ip) {
        if (ip == null) {
            return null;
        }
        String literal = stripBrackets(ip.strip());
        if (literal.indexOf(':') >= 0) {
            int[] groups = parseIpv6(literal);
            if (groups == null) {
                return null;
            }
            if (isIpv4Mapped(groups)) {
                return truncatedIpv4(groups[6] >>> 8, groups[6] & 0xff, groups[7] >>> 8);
            }
            for (int i = IPV6_GROUPS_KEPT; i < IPV6_GROUPS; i++) {
                groups[i] = 0;
            }
            return formatIpv6(groups);
        }
        int[] octets = parseIpv4(literal);
        return octets == null ? null : truncatedIpv4(octets[0], octets[1], octets[2]);
    }

    private static String stripBrackets(String s) {
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String truncatedIpv4(int a, int b, int c) {
        return a + "." + b + "." + c + ".0";
    }

    /** Strict dotted quad: four decimal octets 0-255, no leading zeros (which some parsers read as octal). */
    private static int[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char ch = part.charAt(j);
                if (ch < '0' || ch > '9') {
                    return null;
                }
                value = value * 10 + (ch - '0');
            }
            if (value > 255) {
                return null;
            }
            octets[i] = value;
        }
        return octets;
    }

    /** RFC 4291 text form: hex groups, at most one "::", optional trailing dotted quad, optional zone. */
    private static int[] parseIpv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        s = embeddedIpv4AsHex(s);
        if (s == null) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] groups = new int[IPV6_GROUPS];
        if (gap < 0) {
            int[] all = parseHexGroups(s);
            if (all == null || all.length != IPV6_GROUPS) {
                return null;
            }
            return all;
        }
        int[] head = parseHexGroups(s.substring(0, gap));
        int[] tail = parseHexGroups(s.substring(gap + 2));
        // "::" stands for at least one zero group
        if (head == null || tail == null || head.length + tail.length > IPV6_GROUPS - 1) {
            return null;
        }
        System.arraycopy(head, 0, groups, 0, head.length);
        System.arraycopy(tail, 0, groups, IPV6_GROUPS - tail.length, tail.length);
        return groups;
    }

    /** Rewrites a trailing dotted quad ({@code ::ffff:1.2.3.4}) as two hex groups; null if it is malformed. */
    private static String embeddedIpv4AsHex(String s) {
        int lastColon = s.lastIndexOf(':');
        String last = s.substring(lastColon + 1);
        if (last.indexOf('.') < 0) {
            return s;
        }
        int[] octets = parseIpv4(last);
        if (octets == null) {
            return null;
        }
        return s.substring(0, lastColon + 1)
                + Integer.toHexString(octets[0] << 8 | octets[1]) + ':'
                + Integer.toHexString(octets[2] << 8 | octets[3]);
    }

    /** Colon-separated groups of 1-4 hex digits; the empty string is zero groups. */
    private static int[] parseHexGroups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        if (parts.length > IPV6_GROUPS) {
            return null;
        }
        int[] groups = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                int digit = asciiHexDigit(part.charAt(j));
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            groups[i] = value;
        }
        return groups;
    }

    /** Unlike {@code Character.digit}, rejects non-ASCII digits such as full-width {@code ３}. */
    private static int asciiHexDigit(char ch) {
        if (ch >= '0' && ch <= '9') {
            return ch - '0';
        }
        if (ch >= 'a' && ch <= 'f') {
            return ch - 'a' + 10;
        }
        if (ch >= 'A' && ch <= 'F') {
            return ch - 'A' + 10;
        }
        return -1;
    }

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }

    /** RFC 5952: lower-case hex, the longest run (first on a tie) of two or more zero groups becomes "::". */
    private static String formatIpv6(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < IPV6_GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < IPV6_GROUPS && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
