package com.dataeye.server.api;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.server.ingest.ApiError;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The error answers shared by every {@link QueryEndpoint}. A controller may still handle one of
 * these itself when its answer differs (segments call a bad definition {@code invalid_segment}):
 * Spring prefers the controller's own handler.
 */
@RestControllerAdvice(assignableTypes = QueryEndpoint.class)
class QueryErrors {

    @ExceptionHandler(UnknownProjectException.class)
    ResponseEntity<ApiError> unknown(UnknownProjectException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", e.getMessage()));
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ApiError> invalid(InvalidQueryException e) {
        return ResponseEntity.badRequest().body(ApiError.of("invalid_query", e.getMessage(), e.field()));
    }

    @ExceptionHandler(QueryExecutor.QueryTimeoutException.class)
    ResponseEntity<ApiError> tooLong(QueryExecutor.QueryTimeoutException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(ApiError.of("query_timeout", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("forbidden", e.getMessage()));
    }
}
