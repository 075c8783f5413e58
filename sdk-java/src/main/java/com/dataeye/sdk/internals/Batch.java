package com.dataeye.sdk.internals;

import java.util.Arrays;

/**
 * Events on their way to the collector, as one byte array: their JSON joined by commas, ready to
 * go between the brackets of {@code "batch":[…]}. A full buffer holds a few hundred of these rather
 * than a hundred thousand small objects, which is what keeps garbage collection cheap while the
 * collector is slow or down (Kafka's producer keeps records in batch buffers for the same reason).
 * Filled by {@link EventBuffer} under its lock, then sealed and never changed.
 */
public final class Batch {

    private static final int FIRST_CAPACITY = 16 * 1024;

    private byte[] json;
    private int length;
    private int events;
    private final long openedAtNanos;

    Batch(int capacityHint, long openedAtNanos) {
        this.json = new byte[Math.max(FIRST_CAPACITY, capacityHint)];
        this.openedAtNanos = openedAtNanos;
    }

    /** Adds an event's JSON (the caller has checked that it fits the batch limits). */
    void add(byte[] event) {
        int needed = length + event.length + 1;
        if (needed > json.length) {
            json = Arrays.copyOf(json, Math.max(needed, json.length * 2));
        }
        if (events > 0) {
            json[length++] = ',';
        }
        System.arraycopy(event, 0, json, length, event.length);
        length += event.length;
        events++;
    }

    /** Gives back the room the last growth left unused, so the memory cap stays true. */
    void seal() {
        if (json.length - length > json.length / 8) {
            json = Arrays.copyOf(json, length);
        }
    }

    /** The bytes the body will hold with one more event of {@code size} bytes. */
    long bodyBytesWith(int size) {
        return BatchEncoder.ENVELOPE_BYTES + length + (events > 0 ? 1 : 0) + size;
    }

    public byte[] json() {
        return json;
    }

    /** Bytes used in {@link #json()}: the events and the commas between them. */
    public int length() {
        return length;
    }

    public int events() {
        return events;
    }

    long openedAtNanos() {
        return openedAtNanos;
    }
}
