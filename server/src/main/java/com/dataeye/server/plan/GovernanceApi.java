package com.dataeye.server.plan;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.plan.PlanFileException;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * What the tracking-plan, quality and autocapture endpoints share: the per-project access check
 * (operator login or the project's secret key, never the write key), reading what arrived up to
 * now, and one mapping of their errors to the common error body.
 */
@Component
public class GovernanceApi {

    private final ProjectDirectory projects;
    private final SegmentLoader loader;

    GovernanceApi(ProjectDirectory projects, SegmentLoader loader) {
        this.projects = projects;
        this.loader = loader;
    }

    /** The project, after checking the caller may use it. */
    public Project project(String id, Authentication auth) {
        ProjectAccess.require(auth, id);
        return projects.find(id).orElseThrow(() -> new NotFound("unknown_project", "no project '" + id + "'"));
    }

    /** The project, with everything acknowledged so far loaded into the store. */
    public Project projectCaughtUp(String id, Authentication auth) {
        Project p = project(id, auth);
        loader.catchUp();
        return p;
    }

    public static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(field, field + " must be a date like 2026-11-25");
        }
    }

    public static int days(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int d = Integer.parseInt(value);
            if (d >= 1 && d <= 3660) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadRequest("days", "days must be a whole number from 1 to 3660");
    }

    /** A request parameter or body field that is wrong: 400 invalid_parameter naming the field. */
    public static final class BadRequest extends RuntimeException {
        final String field;

        public BadRequest(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    public static final class NotFound extends RuntimeException {
        final String code;

        public NotFound(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @RestControllerAdvice(basePackages = {"com.dataeye.server.plan", "com.dataeye.server.quality", "com.dataeye.server.autocapture",
            "com.dataeye.server.virtualevents"})
    static class Errors {

        @ExceptionHandler(PlanFileException.class)
        ResponseEntity<ApiError> plan(PlanFileException e) {
            HttpStatus status = "plan_too_large".equals(e.code()) ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST;
            return ResponseEntity.status(status).body(ApiError.of(e.code(), e.getMessage(), e.field()));
        }

        @ExceptionHandler(BadRequest.class)
        ResponseEntity<ApiError> bad(BadRequest e) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", e.getMessage(), e.field));
        }

        @ExceptionHandler(NotFound.class)
        ResponseEntity<ApiError> notFound(NotFound e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of(e.code, e.getMessage()));
        }

        @ExceptionHandler(QueryExecutor.QueryTimeoutException.class)
        ResponseEntity<ApiError> tooLong(QueryExecutor.QueryTimeoutException e) {
            return ResponseEntity.unprocessableEntity().body(ApiError.of("query_timeout", e.getMessage()));
        }

        @ExceptionHandler(AccessDeniedException.class)
        ResponseEntity<ApiError> denied(AccessDeniedException e) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("forbidden", e.getMessage()));
        }

        @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
        ResponseEntity<ApiError> unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
            return ResponseEntity.badRequest().body(ApiError.of("malformed_json", "the body is not valid JSON"));
        }
    }
}
