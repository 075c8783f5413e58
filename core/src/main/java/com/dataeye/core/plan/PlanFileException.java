package com.dataeye.core.plan;

/**
 * A tracking plan (file or API body) that cannot be accepted, with a machine-readable code
 * ({@code invalid_plan}, {@code conflicting_types}, {@code plan_too_large}) and the offending field's path.
 */
public final class PlanFileException extends RuntimeException {

    private final String code;
    private final String field;

    public PlanFileException(String code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
