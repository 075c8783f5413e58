package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Writes prepared import events as CSV rows that DuckDB's own CSV reader loads ({@link ImportAppender}):
 * DuckDB parses CSV in parallel at a fraction of the CPU per row that appending each value from Java
 * through JNI costs. Strings are quoted only when they must be; an unquoted empty field is NULL and an
 * empty string is written quoted ({@code ""}), which the reader keeps apart ({@code allow_quoted_nulls = false}).
 * Timestamps are epoch microseconds, the amount a plain decimal with two places.
 */
final class ImportCsv {

    /** The columns of a row, in order, as the reader's {@code columns} option (events table names). */
    static final String COLUMNS = "{event_id: 'VARCHAR', project_id: 'VARCHAR', event: 'VARCHAR', type: 'VARCHAR', "
            + "person_id: 'VARCHAR', distinct_id: 'VARCHAR', anonymous_id: 'VARCHAR', login_id: 'VARCHAR', ts: 'BIGINT', "
            + "received_at: 'BIGINT', lib: 'VARCHAR', lib_version: 'VARCHAR', url: 'VARCHAR', path: 'VARCHAR', title: 'VARCHAR', "
            + "referrer: 'VARCHAR', utm_source: 'VARCHAR', utm_medium: 'VARCHAR', utm_campaign: 'VARCHAR', utm_content: 'VARCHAR', "
            + "utm_term: 'VARCHAR', channel: 'VARCHAR', os: 'VARCHAR', browser: 'VARCHAR', device_type: 'VARCHAR', "
            + "screen: 'VARCHAR', ip: 'VARCHAR', element_selector: 'VARCHAR', element_path: 'VARCHAR', element_text: 'VARCHAR', "
            + "order_id: 'VARCHAR', product_id: 'VARCHAR', amount: 'DECIMAL(18,2)', url_id: 'INTEGER', page_id: 'INTEGER', "
            + "selector_id: 'INTEGER', properties: 'VARCHAR'}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The property maps' JSON text, written without the mapper where it can be (the same text). */
    private final PropertiesJson json = new PropertiesJson();

    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = 10 * POWERS_OF_TEN[i - 1];
        }
    }

    /** A thread's buffer is written out at about this size, so it stays small and reused. */
    static final int FLUSH_AT = 1 << 19;

    private byte[] buf;
    private int size;

    /** Appends what is written to it as the inside of a quoted field: each {@code "} doubled. */
    private final java.io.OutputStream quoting = new java.io.OutputStream() {
        @Override
        public void write(int b) {
            ensure(2);
            if (b == '"') {
                buf[size++] = '"';
            }
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            doublingQuotes(b, off, len);
        }
    };

    private void doublingQuotes(byte[] b, int off, int len) {
        ensure(2 * len);
        byte[] out = buf;
        int p = size;
        for (int i = off, end = off + len; i < end; i++) {
            byte x = b[i];
            if (x == '"') {
                out[p++] = '"';
            }
            out[p++] = x;
        }
        size = p;
    }

    ImportCsv(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    /**
     * The event's row with {@code personId} in place of the event's own (a link made after it was resolved),
     * and the numbers of its URL, page and element selector from {@code numbers} ({@link ImportNumbers}).
     */
    void row(Event e, String personId, ImportNumbers.Chunk numbers) {
        str(e.eventId());
        str(e.projectId());
        str(e.event());
        str(e.type().wireName());
        str(personId);
        str(e.distinctId());
        str(e.anonymousId());
        str(e.loginId());
        num(SegmentFormat.micros(e.ts()));
        num(SegmentFormat.micros(e.receivedAt()));
        str(e.lib());
        str(e.libVersion());
        str(e.page().url());
        str(e.page().path());
        str(e.page().title());
        str(e.page().referrer());
        str(e.acquisition().utmSource());
        str(e.acquisition().utmMedium());
        str(e.acquisition().utmCampaign());
        str(e.acquisition().utmContent());
        str(e.acquisition().utmTerm());
        str(e.acquisition().channel());
        str(e.device().os());
        str(e.device().browser());
        str(e.device().deviceType());
        str(e.device().screen());
        str(e.device().ip());
        str(e.element().selector());
        str(e.element().path());
        str(e.element().text());
        str(e.commerce().orderId());
        str(e.commerce().productId());
        amount(e.commerce().amount());
        String url = e.page().url();
        if (url != null) {
            long ids = numbers.url(url);
            num(ImportNumbers.urlId(ids));
            num(ImportNumbers.pageId(ids));
        } else {
            sep();
            sep();
        }
        String selector = e.element().selector();
        if (selector != null) {
            num(numbers.selector(selector));
        } else {
            sep();
        }
        if (e.properties() != null && !e.properties().isEmpty()) {
            // the JSON text straight into the row, quotes doubled on the way (no byte[] of it per event)
            ensure(1);
            buf[size++] = '"';
            if (json.write(e.properties())) {
                doublingQuotes(json.bytes(), 0, json.size());
            } else {
                JSON.writeValue(quoting, e.properties());
            }
            ensure(2);
            buf[size++] = '"';
            buf[size++] = '\n'; // the last field ends the line
        } else {
            ensure(1);
            buf[size++] = '\n'; // an empty (NULL) last field
        }
    }

    private void num(long v) {
        ensure(21);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                String s = Long.toString(v);
                for (int i = 0; i < s.length(); i++) {
                    buf[size++] = (byte) s.charAt(i);
                }
                buf[size++] = ',';
                return;
            }
            buf[size++] = '-';
            v = -v;
        }
        // the digits straight into the row (no String per timestamp)
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && v >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        int p = size + digits;
        size = p;
        // eight digits at a time in int arithmetic (a timestamp has 16): a long division per digit was most of it
        while (v >= 100_000_000) {
            long q = v / 100_000_000;
            int r = (int) (v - q * 100_000_000);
            for (int i = 0; i < 8; i++) {
                int d = r / 10;
                buf[--p] = (byte) ('0' + (r - 10 * d));
                r = d;
            }
            v = q;
        }
        int r = (int) v;
        do {
            int d = r / 10;
            buf[--p] = (byte) ('0' + (r - 10 * d));
            r = d;
        } while (r != 0);
        buf[size++] = ',';
    }

    private void amount(BigDecimal amount) {
        if (amount == null) {
            sep();
            return;
        }
        String s = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        ensure(s.length() + 1);
        for (int i = 0; i < s.length(); i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        buf[size++] = ',';
    }

    private void sep() {
        ensure(1);
        buf[size++] = ',';
    }

    /**
     * A string: plain ASCII without a delimiter, quote or control character as it is, anything else quoted.
     * One pass: the characters are copied while they are checked, and the copy is dropped (the field
     * quoted instead) at the first one that needs quoting — most fields of an event are plain.
     */
    private void str(String s) {
        if (s == null) {
            sep();
            return;
        }
        int n = s.length();
        if (n > 0) {
            ensure(n + 1);
            byte[] b = buf;
            int p = size;
            int i = 0;
            for (; i < n; i++) {
                char ch = s.charAt(i);
                if (ch < 0x20 || ch >= 0x7f || ch == '"' || ch == ',') {
                    break;
                }
                b[p++] = (byte) ch;
            }
            if (i == n) {
                b[p++] = ',';
                size = p;
                return;
            }
        }
        quoted(s);
    }

    /**
     * The string quoted, {@code "} doubled, encoded to UTF-8 straight into the row as {@code getBytes(UTF_8)}
     * encodes it (a lone surrogate as {@code ?}), without a byte array per field.
     */
    private void quoted(String s) {
        // a string met again as the same instance (the import's reader hands out one String per repeated value:
        // page titles, button texts — most fields that need quoting) is copied as already encoded
        int slot = System.identityHashCode(s) & (ENCODED_SLOTS - 1);
        if (encodedKeys[slot] == s) {
            byte[] q = encodedRows[slot];
            ensure(q.length);
            System.arraycopy(q, 0, buf, size, q.length);
            size += q.length;
            return;
        }
        int start = size;
        encode(s);
        if (s.length() <= 128) {
            encodedKeys[slot] = s;
            encodedRows[slot] = Arrays.copyOfRange(buf, start, size);
        }
    }

    private static final int ENCODED_SLOTS = 1024;
    /** Strings quoted lately, by identity (one writer per thread), and their bytes as written. */
    private final String[] encodedKeys = new String[ENCODED_SLOTS];
    private final byte[][] encodedRows = new byte[ENCODED_SLOTS][];

    private void encode(String s) {
        int n = s.length();
        ensure(3 * n + 3); // a char takes at most 3 bytes (a surrogate pair 4 for two chars); a doubled quote 2
        byte[] b = buf;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    b[p++] = '"';
                }
                b[p++] = (byte) c;
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    p = Utf8Bytes.putMultiByte(b, p, Character.toCodePoint(c, low));
                    i++;
                } else {
                    b[p++] = '?';
                }
            } else {
                p = Utf8Bytes.putMultiByte(b, p, c);
            }
        }
        b[p++] = '"';
        b[p++] = ',';
        size = p;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
