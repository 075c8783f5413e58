package com.dataeye.core.ingest;

import java.nio.charset.StandardCharsets;

/**
 * One event as it came off the wire: its parsed JSON value (a {@code Map} for a well-formed
 * event), its position in the batch, and where its bytes lie in the request body, so an oversize
 * or mis-encoded event can be refused and quarantined on its own.
 */
public record RawEvent(int index, Object value, byte[] body, int start, int end, boolean invalidUtf8) {

    /** The value of a line that could not be read as JSON (bulk import), with the parser's reason. */
    public record Unreadable(String reason) {}

    public int byteSize() {
        return end - start;
    }

    /** The event's JSON text as received, for the quarantine. */
    public String rawText() {
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }
}
