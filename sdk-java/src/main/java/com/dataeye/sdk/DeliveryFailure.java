package com.dataeye.sdk;

/**
 * One event that will not be stored, and why.
 *
 * @param eventId the event's {@code event_id}, to find it in your own logs
 * @param event   the event name, or the type for events without a name ({@code identify} …)
 * @param code    the collector's code ({@code invalid_property_type}, {@code invalid_write_key} …, see
 *                docs/api/collector.md), or one of the SDK's: {@link #RETRIES_EXHAUSTED},
 *                {@link #CLOSED}, {@link #UNEXPECTED_ANSWER},
 *                {@link #INTERNAL_ERROR}
 * @param field   the offending field, such as {@code properties.amount}, when the collector names one
 * @param message what happened, in words
 */
public record DeliveryFailure(String eventId, String event, String code, String field, String message) {

    /** Every attempt failed with a network error, 429 or 5xx; the message holds the last cause. */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";
    /** The client was closed, and its close timeout ran out, before the event was delivered. */
    public static final String CLOSED = "closed";
    /** The collector (or a proxy in front of it) answered with a status the SDK does not know. */
    public static final String UNEXPECTED_ANSWER = "unexpected_answer";
    /** The transport or the SDK itself threw an unexpected exception; the message holds it. */
    public static final String INTERNAL_ERROR = "internal_error";
}
