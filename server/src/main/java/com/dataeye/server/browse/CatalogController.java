package com.dataeye.server.browse;

import com.dataeye.analytics.browse.EventCatalogQuery;
import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event names and property names of a project, for pickers (the dashboard's step builder). Operator
 * login or the project's secret key. Answers are kept for a minute: every page of the dashboard asks,
 * names change rarely, and counting 10M events by name takes a second.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/catalog")
class CatalogController {

    private final ProjectDirectory projects;
    private final DuckDb db;
    private final SegmentLoader loader;
    private final Cache<List<Object>, Object> answers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(1_000).build();

    CatalogController(ProjectDirectory projects, DuckDb db, SegmentLoader loader) {
        this.projects = projects;
        this.db = db;
        this.loader = loader;
    }

    @GetMapping("/events")
    ResponseEntity<?> events(@PathVariable String project, @RequestParam(defaultValue = "90") int days, Authentication auth) {
        Project p = project(project, auth);
        if (days < 1 || days > 3660) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", "days is 1–3660", "days"));
        }
        Object events = answers.get(List.of("events", p.id(), days),
                k -> new EventCatalogQuery(p.id()).events(db, Instant.now().minus(Duration.ofDays(days)), 1000));
        return ResponseEntity.ok(Map.of("project", p.id(), "days", days, "events", events));
    }

    @GetMapping("/properties")
    ResponseEntity<?> properties(@PathVariable String project, @RequestParam(required = false) String event, Authentication auth) {
        Project p = project(project, auth);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", p.id());
        if (event != null) {
            body.put("event", event);
        }
        String name = event == null || event.isBlank() ? null : event;
        body.put("properties", answers.get(java.util.Arrays.asList("properties", p.id(), name),
                k -> new EventCatalogQuery(p.id()).properties(db, name)));
        return ResponseEntity.ok(body);
    }

    private Project project(String id, Authentication auth) {
        ProjectAccess.require(auth, id);
        Project p = projects.find(id).orElseThrow(() -> new EventBrowserController.UnknownProject(id));
        loader.catchUp();
        return p;
    }

    @ExceptionHandler(EventBrowserController.UnknownProject.class)
    ResponseEntity<ApiError> unknown(EventBrowserController.UnknownProject e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", e.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("forbidden", e.getMessage()));
    }
}
