package com.dataeye.core.ingest;

/** Why one event (or a whole request) was refused: code, the offending field (or null), and a sentence. */
public record Rejection(RejectionCode code, String field, String message) {

    public static Rejection of(RejectionCode code, String field, String message) {
        return new Rejection(code, field, message);
    }
}
