package com.dataeye.server.realtime;

import com.dataeye.core.project.Project;
import com.dataeye.core.realtime.LiveEvents;
import com.dataeye.core.realtime.Overview;
import com.dataeye.core.realtime.OverviewSnapshot;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The real-time board's endpoints (docs/api/overview.md): a snapshot, a stream of snapshots, and the
 * stream of accepted events. Operator login or the project's secret key, like every query endpoint.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class OverviewController {

    private final ProjectDirectory projects;
    private final Overview overview;
    private final StreamHub streams;

    OverviewController(ProjectDirectory projects, Overview overview, StreamHub streams) {
        this.projects = projects;
        this.overview = overview;
        this.streams = streams;
    }

    @GetMapping("/overview")
    OverviewSnapshot snapshot(@PathVariable String project, @RequestParam(defaultValue = "3") String hours, Authentication auth) {
        return overview.snapshot(project(project, auth).id(), hours(hours));
    }

    @GetMapping(path = "/overview/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String project, @RequestParam(defaultValue = "3") String hours, Authentication auth) {
        int h = hours(hours);
        return streams.overview(project(project, auth).id(), h);
    }

    @GetMapping(path = "/live/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter liveEvents(@PathVariable String project, @RequestParam(defaultValue = "20") String backlog, Authentication auth) {
        int b = intParam("backlog", backlog, 0, StreamHub.MAX_LIVE_PER_TICK);
        return streams.live(project(project, auth).id(), b);
    }

    private static int hours(String value) {
        return intParam("hours", value, 1, Overview.MAX_HOURS);
    }

    private static int intParam(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new BadParameter(name, name + " must be a whole number from " + min + " to " + max);
    }

    private Project project(String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        return projects.find(project).orElseThrow(() -> new UnknownProject(project));
    }

    private static final class UnknownProject extends RuntimeException {
        UnknownProject(String project) {
            super("no project '" + project + "'", null, false, false);
        }
    }

    private static final class BadParameter extends RuntimeException {
        final String field;

        BadParameter(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    @ExceptionHandler(UnknownProject.class)
    ResponseEntity<ApiError> unknown(UnknownProject e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("unknown_project", e.getMessage()));
    }

    @ExceptionHandler(BadParameter.class)
    ResponseEntity<ApiError> bad(BadParameter e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("invalid_parameter", e.getMessage(), e.field));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of("forbidden", e.getMessage()));
    }
}
