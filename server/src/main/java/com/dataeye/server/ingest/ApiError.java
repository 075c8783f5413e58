package com.dataeye.server.ingest;

/** The error body every endpoint uses: {@code {"error": {"code": …, "message": …, "field": …}}}. */
public record ApiError(Detail error) {

    public record Detail(String code, String message, String field) {}

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(code, message, null));
    }

    public static ApiError of(String code, String message, String field) {
        return new ApiError(new Detail(code, message, field));
    }
}
