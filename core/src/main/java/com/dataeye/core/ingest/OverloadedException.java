package com.dataeye.core.ingest;

import java.time.Duration;

/** The commit queue is full: the client should retry after {@link #retryAfter()}; nothing was taken. */
public final class OverloadedException extends RuntimeException {

    private final Duration retryAfter;

    public OverloadedException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
