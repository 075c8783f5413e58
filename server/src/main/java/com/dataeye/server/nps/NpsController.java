package com.dataeye.server.nps;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.nps.NpsQuery;
import com.dataeye.analytics.nps.NpsResult;
import com.dataeye.analytics.nps.NpsRunner;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.NoSuchElementException;

/** {@code POST /api/v1/projects/{project}/query/nps} (docs/api/nps.md). Operator login or the project's secret key. */
@RestController
class NpsController {

    private final ProjectDirectory projects;
    private final NpsRunner nps;
    private final SegmentLoader loader;

    NpsController(ProjectDirectory projects, QueryExecutor executor, SegmentLoader loader) {
        this.projects = projects;
        this.nps = new NpsRunner(executor);
        this.loader = loader;
    }

    @PostMapping("/api/v1/projects/{project}/query/nps")
    NpsResult nps(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        ProjectAccess.require(auth, project);
        Project p = projects.find(project).orElseThrow(() -> new NoSuchElementException("no project '" + project + "'"));
        NpsQuery q = NpsQuery.from(body);
        loader.catchUp();
        return nps.run(p.id(), p.timeZone(), q);
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ApiError> unknown(NoSuchElementException e) {
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
