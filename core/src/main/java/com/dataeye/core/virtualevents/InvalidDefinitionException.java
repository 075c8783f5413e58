package com.dataeye.core.virtualevents;

/** A virtual-event definition that cannot be saved; {@code field} is the JSON path of the mistake. */
public final class InvalidDefinitionException extends RuntimeException {

    private final String field;

    public InvalidDefinitionException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
