package com.dataeye.sdk.internals;

import java.nio.charset.StandardCharsets;

/**
 * Joins queued events into the collector's batch wrapper, {@code {"sent_at":…,"batch":[…]}}.
 * {@code sent_at} (epoch milliseconds, like each event's {@code timestamp}) is written at each
 * attempt, so the collector's clock-skew correction ({@code received_at − (sent_at − timestamp)})
 * stays right for retries that leave minutes later.
 */
public final class BatchEncoder {

    private static final byte[] HEAD = "{\"sent_at\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = ",\"batch\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.US_ASCII);
    /** Digits of the largest {@code long}: batch sizes are reckoned before the time is known. */
    private static final int SENT_AT_MAX_DIGITS = 19;

    /** The wrapper's own bytes at most, without the events and the commas between them. */
    public static final int ENVELOPE_BYTES = HEAD.length + SENT_AT_MAX_DIGITS + MIDDLE.length + TAIL.length;

    private BatchEncoder() {
    }

    /** The request body for {@code batch}, sent at {@code sentAtMillis}. */
    public static byte[] json(Batch batch, long sentAtMillis) {
        byte[] sentAt = Long.toString(sentAtMillis).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[HEAD.length + sentAt.length + MIDDLE.length + batch.length() + TAIL.length];
        int at = put(out, 0, HEAD, HEAD.length);
        at = put(out, at, sentAt, sentAt.length);
        at = put(out, at, MIDDLE, MIDDLE.length);
        at = put(out, at, batch.json(), batch.length());
        put(out, at, TAIL, TAIL.length);
        return out;
    }

    private static int put(byte[] out, int at, byte[] bytes, int length) {
        System.arraycopy(bytes, 0, out, at, length);
        return at + length;
    }
}
