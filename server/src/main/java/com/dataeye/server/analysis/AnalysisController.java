package com.dataeye.server.analysis;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.paths.PathsQuery;
import com.dataeye.analytics.paths.PathsRunner;
import com.dataeye.analytics.retention.RetentionQuery;
import com.dataeye.analytics.retention.RetentionRunner;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.project.Project;
import com.dataeye.server.api.QueryEndpoint;
import com.dataeye.server.api.UnknownProjectException;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;
import com.dataeye.server.segments.SegmentFilters;
import com.dataeye.server.virtualevents.VirtualEventCatalog;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code POST /api/v1/projects/{project}/query/{analysis}} (docs/api/analytics.md). Needs an operator
 * login or the project's secret key. Each analysis is a typed query object in {@code analytics};
 * this class only authenticates, reads JSON and maps errors.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/query")
class AnalysisController implements QueryEndpoint {

    private final ProjectDirectory projects;
    private final TrendRunner trends;
    private final FunnelRunner funnels;
    private final RetentionRunner retention;
    private final PathsRunner paths;
    private final SegmentLoader loader;
    private final SegmentFilters segmentFilters;
    private final VirtualEventCatalog virtualEvents;
    private final JsonMapper json;

    AnalysisController(ProjectDirectory projects, QueryExecutor executor, SegmentLoader loader, SegmentFilters segmentFilters,
                       VirtualEventCatalog virtualEvents, JsonMapper json) {
        this.virtualEvents = virtualEvents;
        this.json = json;
        this.projects = projects;
        this.trends = new TrendRunner(executor);
        this.funnels = new FunnelRunner(executor);
        this.retention = new RetentionRunner(executor);
        this.paths = new PathsRunner(executor);
        this.loader = loader;
        this.segmentFilters = segmentFilters;
    }

    @PostMapping("/trend")
    ResponseEntity<?> trend(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        return analyse(project, auth, body, TrendQuery::from, (p, q) -> trends.run(p.id(), p.timeZone(), q));
    }

    @PostMapping("/funnel")
    ResponseEntity<?> funnel(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        return analyse(project, auth, body, FunnelQuery::from, (p, q) -> funnels.run(p.id(), p.timeZone(), q));
    }

    @PostMapping("/retention")
    ResponseEntity<?> retention(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        return analyse(project, auth, body, RetentionQuery::from,
                (p, q) -> retention.run(p.id(), p.timeZone(), q, LocalDate.now(p.timeZone())));
    }

    @PostMapping("/paths")
    ResponseEntity<?> paths(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        return analyse(project, auth, body, PathsQuery::from, (p, q) -> paths.run(p.id(), p.timeZone(), q));
    }

    /**
     * What every analysis does around its own work: check access, read the query (a 400 comes before
     * any work), load what was acknowledged so far, run. The answer names the virtual-event definitions
     * (name, version, saved_at) it used under {@code virtual_events}, so a client can tell that an answer
     * changed because a definition did.
     */
    private <Q> ResponseEntity<?> analyse(String project, Authentication auth, Map<String, Object> body,
                                          Function<Map<String, Object>, Q> parse, BiFunction<Project, Q, Object> run) {
        Project p = project(project, auth);
        Map<String, Object> bound = virtualEvents.bind(p, segmentFilters.bind(p, body));
        Q query = parse.apply(bound);
        loader.catchUp();
        @SuppressWarnings("unchecked")
        Map<String, Object> out = new java.util.LinkedHashMap<>(json.convertValue(run.apply(p, query), Map.class));
        out.put("virtual_events", VirtualEventCatalog.used(bound));
        return ResponseEntity.ok(out);
    }

    /** Persons who reached step {@code step - 1} but not {@code step}: JSON pages, or CSV with {@code format=csv}. */
    @PostMapping("/funnel/dropped")
    ResponseEntity<?> dropped(@PathVariable String project, @RequestBody Map<String, Object> body, @RequestParam int step,
                              @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset,
                              @RequestParam(defaultValue = "json") String format, Authentication auth) {
        Project p = project(project, auth);
        FunnelQuery query = FunnelQuery.from(virtualEvents.bind(p, segmentFilters.bind(p, body)));
        if (step < 2 || step > query.steps().size()) {
            throw new InvalidQueryException("step", "step is 2–" + query.steps().size() + ": the step the persons did not reach");
        }
        boolean csv = format.equals("csv");
        int pageSize = csv ? Math.max(1, Math.min(limit, 1_000_000)) : Math.max(1, Math.min(limit, 10_000));
        loader.catchUp();
        List<String> persons = funnels.dropped(p.id(), p.timeZone(), query, step, pageSize, Math.max(0, offset));
        if (csv) {
            StringBuilder out = new StringBuilder("person_id\n");
            persons.forEach(id -> out.append(csvField(id)).append('\n'));
            return ResponseEntity.ok().header("Content-Type", "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"dropped-at-step-" + step + ".csv\"").body(out.toString());
        }
        return ResponseEntity.ok(Map.of("step", step, "offset", offset, "limit", pageSize, "persons", persons));
    }

    private static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private Project project(String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        return projects.find(project).orElseThrow(() -> new UnknownProjectException(project));
    }
}
