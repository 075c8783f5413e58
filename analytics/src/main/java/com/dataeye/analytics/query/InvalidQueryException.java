package com.dataeye.analytics.query;

/** A query that cannot run as asked: {@code field} is the JSON path of the offending input (e.g. {@code filters[1].op}). */
public final class InvalidQueryException extends RuntimeException {

    private final String field;

    public InvalidQueryException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
