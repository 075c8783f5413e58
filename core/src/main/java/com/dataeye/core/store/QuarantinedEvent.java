package com.dataeye.core.store;

import java.time.Instant;

/**
 * An event that could be read but was refused, kept with its reason so it can be inspected and,
 * once the cause is fixed, replayed. {@code raw} is the event as received (after masking).
 */
public record QuarantinedEvent(String projectId, Instant receivedAt, String eventId, String code, String field,
                               String message, String raw) {}
