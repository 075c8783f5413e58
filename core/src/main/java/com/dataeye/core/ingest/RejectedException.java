package com.dataeye.core.ingest;

/** Carries a {@link Rejection} out of deep field reading; cheap, since bad input is not exceptional here. */
final class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    RejectedException(RejectionCode code, String field, String message) {
        super(message, null, false, false);
        this.rejection = Rejection.of(code, field, message);
    }

    Rejection rejection() {
        return rejection;
    }
}
