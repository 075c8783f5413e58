package com.dataeye.core.ingest;

/** What happened to one event of a request. */
public sealed interface EventOutcome {

    int index();

    String eventId();

    /** Stored (once the commit completes). */
    record Accepted(int index, String eventId) implements EventOutcome {}

    /** Seen before within the dedup window: acknowledged, not stored again. */
    record Duplicate(int index, String eventId) implements EventOutcome {}

    /** Refused; {@code quarantined} tells whether it was kept for inspection and replay. */
    record Rejected(int index, String eventId, Rejection rejection, boolean quarantined) implements EventOutcome {}
}
