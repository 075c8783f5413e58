package com.dataeye.core.ingest;

/**
 * Machine-readable reasons an event or a request is refused. The wire code is the lower-case
 * name; docs/api/errors.md lists each with its HTTP status and what to do about it.
 */
public enum RejectionCode {
    // request-level
    MALFORMED_JSON(400),
    UNKNOWN_ENDPOINT(404),
    INVALID_UTF8(400),
    BODY_TOO_LARGE(413),
    UNSUPPORTED_ENCODING(415),
    MISSING_WRITE_KEY(401),
    INVALID_WRITE_KEY(401),
    OVERLOADED(503),
    RATE_LIMITED(429),
    // event-level (reported per event, HTTP 400 when the request held a single event)
    NOT_AN_OBJECT(400),
    EVENT_TOO_LARGE(400),
    MISSING_FIELD(400),
    INVALID_FIELD_TYPE(400),
    UNKNOWN_EVENT_TYPE(400),
    INVALID_EVENT_NAME(400),
    INVALID_PROPERTY_NAME(400),
    INVALID_PROPERTY_TYPE(400),
    TOO_MANY_PROPERTIES(400),
    TIMESTAMP_TOO_OLD(400),
    TIMESTAMP_IN_FUTURE(400),
    // tracking plan (docs/api/tracking-plan.md): always quarantined, so they can be replayed once the plan is fixed
    UNPLANNED_EVENT(400),
    UNPLANNED_PROPERTY(400),
    EVENT_BLOCKED(400),
    MISSING_PLANNED_PROPERTY(400),
    PLAN_TYPE_MISMATCH(400),
    PLAN_VALUE_NOT_ALLOWED(400),
    PLAN_VALUE_OUT_OF_RANGE(400);

    private final int httpStatus;

    RejectionCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
