package com.dataeye.server.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Finds bytes that are not UTF-8 and replaces each with {@code ?}, keeping every offset in place,
 * so the batch still parses and only the events that contain such bytes are refused.
 */
final class Utf8Check {

    /** The body to parse and the positions of the bytes that were replaced (empty for valid UTF-8). */
    record Result(byte[] body, BitSet invalid) {

        boolean anyInvalidIn(int start, int end) {
            int i = invalid.nextSetBit(start);
            return i >= 0 && i < end;
        }
    }

    private Utf8Check() {}

    static Result check(byte[] body) {
        int firstNonAscii = -1;
        for (int i = 0; i < body.length; i++) {
            if (body[i] < 0) {
                firstNonAscii = i;
                break;
            }
        }
        if (firstNonAscii < 0) {
            return new Result(body, new BitSet(0));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, firstNonAscii, body.length - firstNonAscii);
        CharBuffer out = CharBuffer.allocate(4096);
        BitSet invalid = new BitSet();
        byte[] fixed = null;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isOverflow()) {
                out.clear();
            } else if (r.isError()) {
                if (fixed == null) {
                    fixed = body.clone();
                }
                for (int k = 0; k < r.length(); k++) {
                    int pos = in.position() + k;
                    invalid.set(pos);
                    fixed[pos] = '?';
                }
                in.position(in.position() + r.length());
            } else {
                break;
            }
        }
        return new Result(fixed == null ? body : fixed, invalid);
    }
}
