package com.dataeye.server.imports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the plain JSON object of an ordinary import line straight off its bytes into the values the
 * mapper's untyped reading gives ({@code LinkedHashMap}, {@code ArrayList}, {@code String}, whole numbers
 * as {@code Integer} or {@code Long}, others as {@code Double}, {@code Boolean}, null). A Jackson parser per
 * line cost more to set up (the parser, its contexts, buffers and symbol table) than the line took to read,
 * and made every string twice (chars, then compact bytes); at millions of lines that was a sixth of the
 * import workers' time and a quarter of what they allocated.
 *
 * <p>Only what it reads with certainty is read here: anything else — a syntax error, a number of 19 or more
 * digits or an unusual form, an escaped surrogate, bytes that are not UTF-8, a byte order mark, deep nesting,
 * a very long line — answers {@link #NOT_PLAIN}, and the line is read by Jackson as before, so every value and
 * every error a user sees is the mapper's own. Not thread-safe: one per thread.
 */
final class PlainJsonReader {

    /** The answer for a line left to Jackson. */
    static final Object NOT_PLAIN = new Object();

    /** Longer lines go to Jackson, whose limits on names and strings then apply as before. */
    static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_DEPTH = 32;
    /** Longest decimal read here without Jackson (its limit is 1000 characters). */
    private static final int MAX_NUMBER_CHARS = 64;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5c5c5c5c5c5c5c5cL;
    private static final long SPACES = 0x2020202020202020L;

    /** Wire fields whose values differ from event to event: not worth remembering. */
    private static final java.util.Set<String> UNIQUE_PER_EVENT = java.util.Set.of(
            "event_id", "distinct_id", "anonymous_id", "login_id", "timestamp", "sent_at", "$device_id", "item_id");

    private final Names names = new Names();
    private final Values values = new Values();
    private final StringBuilder chars = new StringBuilder();
    /** Whether values of the name {@link #name} read last repeat from line to line (not an id or a time). */
    private boolean nameRepeats;
    private byte[] b;
    private int pos;
    private int end;

    /** The line's JSON object, or {@link #NOT_PLAIN}. */
    Object read(byte[] body, int start, int stop) {
        if (stop - start > MAX_LINE_BYTES) {
            return NOT_PLAIN;
        }
        b = body;
        pos = start;
        end = stop;
        try {
            skipSpace();
            if (pos >= end || b[pos] != '{') {
                return NOT_PLAIN; // arrays, scalars, a byte order mark, an empty line: as the mapper reads them
            }
            pos++;
            Object value = object(0);
            skipSpace();
            return pos == end ? value : NOT_PLAIN;
        } catch (NotPlain e) {
            return NOT_PLAIN;
        } finally {
            b = null;
        }
    }

    private Map<String, Object> object(int depth) {
        if (depth > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (next() == '}') {
            return m;
        }
        pos--;
        while (true) {
            if (next() != '"') {
                throw NotPlain.INSTANCE;
            }
            String name = name();
            skipSpace();
            if (next() != ':') {
                throw NotPlain.INSTANCE;
            }
            skipSpace();
            m.put(name, value(depth, nameRepeats));
            skipSpace();
            byte c = next();
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                throw NotPlain.INSTANCE;
            }
            skipSpace();
        }
    }

    private List<Object> array(int depth) {
        if (depth > MAX_DEPTH) {
            throw NotPlain.INSTANCE;
        }
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (next() == ']') {
            return list;
        }
        pos--;
        while (true) {
            list.add(value(depth, true));
            skipSpace();
            byte c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw NotPlain.INSTANCE;
            }
            skipSpace();
        }
    }

    /** @param repeats whether a string here is likely the same as on other lines (a page title, not an id) */
    private Object value(int depth, boolean repeats) {
        byte c = next();
        switch (c) {
            case '"':
                return repeats ? repeatedString() : string();
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case 't':
                literal("rue");
                return Boolean.TRUE;
            case 'f':
                literal("alse");
                return Boolean.FALSE;
            case 'n':
                literal("ull");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    pos--;
                    return number();
                }
                throw NotPlain.INSTANCE;
        }
    }

    private void literal(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (next() != rest.charAt(i)) {
                throw NotPlain.INSTANCE;
            }
        }
        // "truex" and the like: what follows must end the value
        if (pos < end && !endsValue(b[pos])) {
            throw NotPlain.INSTANCE;
        }
    }

    /** A property name: ASCII ones, which repeat on every line, are the same String each time. */
    private String name() {
        int start = pos;
        int hash = 0;
        while (pos < end) {
            byte c = b[pos];
            if (c == '"') {
                String name = names.get(b, start, pos, hash);
                nameRepeats = names.lastRepeats();
                pos++;
                return name;
            }
            if (c < 0x20 || c == '\\') { // control characters, escapes and non-ASCII (negative bytes)
                pos = start;
                String name = string();
                nameRepeats = !UNIQUE_PER_EVENT.contains(name);
                return name;
            }
            hash = 31 * hash + c;
            pos++;
        }
        throw NotPlain.INSTANCE;
    }

    /**
     * A string after its opening quote that other lines likely share: a short one without escapes is the same
     * String as last time it came ({@link Values}), so a line's many repeated values (event name, library, OS,
     * page URL and title…) allocate nothing.
     */
    private String repeatedString() {
        int start = pos;
        int i = special(pos);
        if (i >= end || b[i] != '"' || i - start > Values.MAX_BYTES) {
            return string();
        }
        String s = values.get(this, start, i);
        pos = i + 1;
        return s;
    }

    /** A string after its opening quote. */
    private String string() {
        int start = pos;
        int i = special(pos);
        if (i >= end) {
            throw NotPlain.INSTANCE;
        }
        byte c = b[i];
        if (c == '"') {
            pos = i + 1;
            return utf8(start, i); // ASCII is copied as it is, without decoding
        }
        if (c == '\\') {
            pos = i;
            return escaped(start);
        }
        throw NotPlain.INSTANCE; // a control character: JSON wants it escaped, the mapper's error
    }

    /**
     * The first quote, backslash or control character from {@code from} (or {@link #end}), eight bytes at a time
     * (SWAR, as {@link Newlines}): strings are most of a line's bytes. The lowest byte flagged by each test is a
     * true one (a borrow only carries upwards), so the lowest of all is. Bytes of 0x80 and above are never flagged.
     */
    private int special(int from) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long quote = w ^ QUOTES;
            long backslash = w ^ BACKSLASHES;
            long found = (((quote - LOW_BITS) & ~quote) | ((backslash - LOW_BITS) & ~backslash) | ((w - SPACES) & ~w)) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                return i;
            }
        }
        return end;
    }

    /**
     * A string with escapes, from its start ({@link #pos} at its first backslash): the raw runs between escapes
     * decoded as UTF-8 and the escaped characters gathered in {@link #chars}.
     */
    private String escaped(int start) {
        StringBuilder sb = chars;
        sb.setLength(0);
        int run = start;
        while (true) {
            int i = special(pos);
            if (i >= end) {
                throw NotPlain.INSTANCE;
            }
            byte c = b[i];
            if (c != '"' && c != '\\') {
                throw NotPlain.INSTANCE; // a control character
            }
            sb.append(utf8(run, i));
            pos = i + 1;
            if (c == '"') {
                return sb.toString();
            }
            sb.append(unescape());
            run = pos;
        }
    }

    /** The character of the escape after a backslash. */
    private char unescape() {
        byte c = next();
        switch (c) {
            case '"':
                return '"';
            case '\\':
                return '\\';
            case '/':
                return '/';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(next(), 16);
                    if (d < 0) {
                        throw NotPlain.INSTANCE;
                    }
                    v = (v << 4) | d;
                }
                if (Character.isSurrogate((char) v)) {
                    throw NotPlain.INSTANCE; // pairs and lone halves: as the mapper decodes them
                }
                return (char) v;
            default:
                throw NotPlain.INSTANCE;
        }
    }

    /**
     * Bytes as UTF-8 (plain ASCII is only copied); anything the decoder had to replace is left to the mapper (and
     * its error). The check costs nothing for an ASCII string: U+FFFD is not among its characters by construction.
     */
    private String utf8(int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            throw NotPlain.INSTANCE;
        }
        return s;
    }

    /**
     * A number in JSON's own form: whole ones of up to 18 digits as Integer or Long (Integer when it fits, as
     * the mapper gives them); decimals of up to 15 significant digits without exponent computed exactly
     * (an integer below 2^53 divided by a power of ten below 10^23 is one correctly rounded operation, the
     * value {@code Double.parseDouble} gives), other decimals through {@code Double.parseDouble}.
     */
    private Object number() {
        int start = pos;
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        if (pos < end && b[pos] == '0') {
            pos++;
        } else {
            skipDigits();
        }
        int intDigits = pos - intStart;
        if (intDigits == 0) {
            throw NotPlain.INSTANCE;
        }
        int fracDigits = 0;
        boolean exponent = false;
        if (pos < end && b[pos] == '.') {
            pos++;
            int fracStart = pos;
            skipDigits();
            fracDigits = pos - fracStart;
            if (fracDigits == 0) {
                throw NotPlain.INSTANCE;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            exponent = true;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int expStart = pos;
            skipDigits();
            if (pos == expStart) {
                throw NotPlain.INSTANCE;
            }
        }
        if (pos < end && !endsValue(b[pos])) {
            throw NotPlain.INSTANCE; // "01", "1x"
        }
        if (fracDigits == 0 && !exponent) {
            if (intDigits > 18) {
                throw NotPlain.INSTANCE; // Long or BigInteger: the mapper decides
            }
            long v = digits(intStart, intStart + intDigits, 0);
            v = negative ? -v : v;
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }
        if (!exponent && intDigits + fracDigits <= 15) {
            long mantissa = digits(intStart + intDigits + 1, pos, digits(intStart, intStart + intDigits, 0));
            double v = mantissa / POWERS_OF_TEN[fracDigits];
            return negative ? -v : v;
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw NotPlain.INSTANCE;
        }
        return Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
    }

    private long digits(int from, int to, long v) {
        for (int i = from; i < to; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }

    private void skipDigits() {
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
    }

    private static boolean endsValue(byte c) {
        return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void skipSpace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private byte next() {
        if (pos >= end) {
            throw NotPlain.INSTANCE;
        }
        return b[pos++];
    }

    /**
     * Property names seen before, by their bytes: a small table that keeps the last name of each slot, and
     * whether its values repeat (looked up once per name, not once per line: that lookup was 4% of a worker).
     */
    private static final class Names {
        private final String[] slots = new String[512];
        /** Each slot's name as its bytes, compared with the line's by one vectorised {@code Arrays.equals}. */
        private final byte[][] bytes = new byte[512][];
        private final boolean[] repeats = new boolean[512];
        private int last;

        String get(byte[] b, int from, int to, int hash) {
            int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
            last = slot;
            byte[] known = bytes[slot];
            if (known != null && java.util.Arrays.equals(known, 0, known.length, b, from, to)) {
                return slots[slot];
            }
            String name = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            slots[slot] = name;
            bytes[slot] = java.util.Arrays.copyOfRange(b, from, to);
            repeats[slot] = !UNIQUE_PER_EVENT.contains(name);
            return name;
        }

        /** Whether values of the name {@link #get} returned last repeat from line to line. */
        boolean lastRepeats() {
            return repeats[last];
        }
    }

    /** Short string values seen before, by their bytes: a small table that keeps the last value of each slot. */
    private static final class Values {
        static final int MAX_BYTES = 96;
        private final byte[][] keys = new byte[1024][];
        private final String[] strings = new String[1024];

        String get(PlainJsonReader r, int from, int to) {
            byte[] b = r.b;
            int hash = to - from;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + b[i];
            }
            int slot = (hash ^ (hash >>> 15)) & (keys.length - 1);
            byte[] key = keys[slot];
            if (key != null && java.util.Arrays.equals(key, 0, key.length, b, from, to)) {
                return strings[slot];
            }
            String s = r.utf8(from, to);
            keys[slot] = java.util.Arrays.copyOfRange(b, from, to);
            strings[slot] = s;
            return s;
        }
    }

    /** Leaves the line to Jackson. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }
}
