package com.dataeye.server.browse;

import com.dataeye.analytics.browse.DailyCountsQuery;
import com.dataeye.analytics.browse.QuarantineQuery;
import com.dataeye.analytics.browse.RecentEventsQuery;
import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * What arrived: the newest events (the developer's live check of instrumentation), events and
 * persons per day for one event, and the quarantine. Needs an operator login or the project's
 * secret key — never the public write key.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class EventBrowserController {

    private final ProjectDirectory projects;
    private final DuckDb db;
    private final JsonMapper json;
    private final SegmentLoader loader;

    EventBrowserController(ProjectDirectory projects, DuckDb db, JsonMapper json, SegmentLoader loader) {
        this.projects = projects;
        this.loader = loader;
        this.db = db;
        this.json = json;
    }

    @GetMapping("/events")
    Map<String, Object> recent(@PathVariable String project, @RequestParam(required = false) String event,
                               @RequestParam(required = false) String person,
                               @RequestParam(defaultValue = "50") int limit, Authentication auth) {
        Project p = project(project, auth);
        List<Map<String, Object>> events = new RecentEventsQuery(p.id(), event, person, limit).run(db, json);
        return Map.of("project", p.id(), "events", events);
    }

    @GetMapping("/events/daily")
    Map<String, Object> daily(@PathVariable String project, @RequestParam String event,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              Authentication auth) {
        Project p = project(project, auth);
        LocalDate today = LocalDate.now(p.timeZone());
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            throw new BadParameter("from", "from must not be after to");
        }
        if (start.plusDays(3660).isBefore(end)) {
            throw new BadParameter("from", "at most 10 years per query");
        }
        List<DailyCountsQuery.Day> days = new DailyCountsQuery(p.id(), event, start, end, p.timeZone()).run(db);
        return Map.of("project", p.id(), "event", event, "time_zone", p.timeZone().getId(), "from", start.toString(),
                "to", end.toString(), "days", days);
    }

    @GetMapping("/quarantine")
    Map<String, Object> quarantine(@PathVariable String project, @RequestParam(required = false) String code,
                                   @RequestParam(defaultValue = "50") int limit, Authentication auth) {
        Project p = project(project, auth);
        return Map.of("project", p.id(), "events", new QuarantineQuery(p.id(), code, limit).run(db, json));
    }

    private Project project(String id, Authentication auth) {
        ProjectAccess.require(auth, id);
        Project p = projects.find(id).orElseThrow(() -> new UnknownProject(id));
        // "what arrived" includes everything acknowledged before this request
        loader.catchUp();
        return p;
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(field, field + " must be a date like 2026-11-25");
        }
    }

    static final class UnknownProject extends RuntimeException {
        UnknownProject(String id) {
            super("no project '" + id + "'", null, false, false);
        }
    }

    static final class BadParameter extends RuntimeException {
        final String field;

        BadParameter(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    @ExceptionHandler(UnknownProject.class)
    ResponseEntity<ApiError> unknown(UnknownProject e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", e.getMessage()));
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<ApiError> bad(BadParameter e) {
        return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", e.getMessage(), e.field));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("forbidden", e.getMessage()));
    }
}
