package com.dataeye.analytics.store;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes an event's property map as the exact JSON text (UTF-8) that Jackson's default mapper writes for it,
 * for the values a parsed event holds: strings, {@code Integer}, {@code Long}, {@code BigInteger},
 * {@code Double}, {@code Boolean}, null, and maps with string keys and lists of those. A bulk import writes
 * millions of property maps; going through the mapper (a serialization context, a generator and its
 * contexts per map) was a sixth of the preparing threads' work. Any other value, a non-finite double or
 * a string with a lone surrogate makes {@link #write} answer false, and the caller uses the mapper itself,
 * so the stored text never depends on which way it was written.
 *
 * <p>Jackson's rules followed here: {@code "} and {@code \} escaped with a backslash; control characters
 * below U+0020 as {@code \b \t \n \f \r} or a six-character escape (upper-case hex); everything else, {@code /}
 * and non-ASCII included, as it is in UTF-8; numbers as {@code toString()} gives them.
 * Not thread-safe: one per writing thread.
 */
final class PropertiesJson {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Deeper than any event; deeper ones are left to the mapper (and its nesting limit). */
    private static final int MAX_DEPTH = 100;

    private byte[] buf = new byte[1024];
    private int size;

    /** The JSON text of {@code map} into {@link #bytes()}, or false (and nothing usable) for a value it leaves to Jackson. */
    boolean write(Map<?, ?> map) {
        size = 0;
        return map(map, 0);
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    private boolean map(Map<?, ?> map, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        put('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return false;
            }
            if (!first) {
                put(',');
            }
            first = false;
            if (!string(key)) {
                return false;
            }
            put(':');
            if (!value(e.getValue(), depth)) {
                return false;
            }
        }
        put('}');
        return true;
    }

    private boolean list(List<?> list, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        put('[');
        for (int i = 0, n = list.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            if (!value(list.get(i), depth)) {
                return false;
            }
        }
        put(']');
        return true;
    }

    private boolean value(Object v, int depth) {
        if (v == null) {
            put(NULL);
        } else if (v instanceof String s) {
            return string(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            ascii(v.toString());
        } else if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                return false;
            }
            ascii(Double.toString(d));
        } else if (v instanceof Boolean b) {
            put(b ? TRUE : FALSE);
        } else if (v instanceof Map<?, ?> m) {
            return map(m, depth + 1);
        } else if (v instanceof List<?> l) {
            return list(l, depth + 1);
        } else {
            return false;
        }
        return true;
    }

    /** A quoted, escaped string in UTF-8; false on a lone surrogate (Jackson's own replacement then applies). */
    private boolean string(String s) {
        int n = s.length();
        // at most 6 bytes a char (a control character's six-character escape), plus the quotes
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[p++] = (byte) c;
                } else {
                    p = escape(b, p, c);
                }
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    return false;
                }
                p = Utf8Bytes.putMultiByte(b, p, Character.toCodePoint(c, low));
                i++;
            } else {
                p = Utf8Bytes.putMultiByte(b, p, c);
            }
        }
        b[p++] = '"';
        size = p;
        return true;
    }

    private static int escape(byte[] b, int p, char c) {
        b[p++] = '\\';
        switch (c) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\b' -> b[p++] = 'b';
            case '\t' -> b[p++] = 't';
            case '\n' -> b[p++] = 'n';
            case '\f' -> b[p++] = 'f';
            case '\r' -> b[p++] = 'r';
            default -> {
                b[p++] = 'u';
                b[p++] = '0';
                b[p++] = '0';
                b[p++] = HEX[c >> 4];
                b[p++] = HEX[c & 0xf];
            }
        }
        return p;
    }

    /** A number's text (ASCII only). */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
    }

    private void put(byte[] literal) {
        ensure(literal.length);
        System.arraycopy(literal, 0, buf, size, literal.length);
        size += literal.length;
    }

    private void put(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
