package com.dataeye.analytics.store;

/** UTF-8 encoding of one code point straight into a byte array: the import's row and JSON writers share it. */
final class Utf8Bytes {

    private Utf8Bytes() {}

    /** Writes {@code cp} (at least U+0080, not a surrogate) at {@code p}; returns the position after it. */
    static int putMultiByte(byte[] b, int p, int cp) {
        if (cp < 0x800) {
            b[p++] = (byte) (0xc0 | (cp >> 6));
        } else if (cp < 0x10000) {
            b[p++] = (byte) (0xe0 | (cp >> 12));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        } else {
            b[p++] = (byte) (0xf0 | (cp >> 18));
            b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        }
        b[p++] = (byte) (0x80 | (cp & 0x3f));
        return p;
    }
}
