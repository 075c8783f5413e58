package com.dataeye.server.ingest;

import com.dataeye.core.ingest.RejectionCode;

/** A whole request refused before any event was looked at. */
final class RequestError extends RuntimeException {

    private final RejectionCode code;

    RequestError(RejectionCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    RejectionCode code() {
        return code;
    }
}
