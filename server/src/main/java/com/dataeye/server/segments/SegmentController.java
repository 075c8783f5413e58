package com.dataeye.server.segments;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.segments.SegmentEvaluator;
import com.dataeye.analytics.segments.SegmentNode;
import com.dataeye.analytics.segments.SegmentResolver;
import com.dataeye.core.project.Project;
import com.dataeye.server.api.QueryEndpoint;
import com.dataeye.server.api.UnknownProjectException;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments (docs/api/segments.md) under {@code /api/v1/projects/{project}}: CRUD, preview, size, sizes
 * over time, members (JSON pages or a streamed CSV), and a person's memberships with the reasons. Needs
 * an operator login or the project's secret key; definitions are checked in {@code analytics}.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class SegmentController implements QueryEndpoint {

    private final ProjectDirectory projects;
    private final SegmentCatalog catalog;
    private final SegmentEvaluator evaluator;
    private final SegmentSnapshots snapshots;
    private final SegmentRepository repository;
    private final SegmentLoader loader;

    SegmentController(ProjectDirectory projects, SegmentCatalog catalog, SegmentEvaluator evaluator, SegmentSnapshots snapshots,
                      SegmentRepository repository, SegmentLoader loader) {
        this.projects = projects;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.snapshots = snapshots;
        this.repository = repository;
        this.loader = loader;
    }

    @GetMapping("/segments")
    Map<String, Object> list(@PathVariable String project, Authentication auth) {
        Project p = project(project, auth);
        List<SegmentCatalog.Segment> segments = catalog.list(p.id());
        Map<String, Object> latest = new java.util.TreeMap<>();
        snapshots.current(p, segments).forEach((id, l) -> latest.put(id,
                Map.of("date", l.date().toString(), "persons", l.persons(), "computed_at", l.computedAt().toString())));
        return Map.of("segments", segments, "latest_sizes", latest);
    }

    @PostMapping("/segments")
    ResponseEntity<SegmentCatalog.Segment> create(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        loader.catchUp(); // a static segment from a funnel reads the events
        return ResponseEntity.status(HttpStatus.CREATED).body(catalog.create(p, body));
    }

    @GetMapping("/segments/{id}")
    SegmentCatalog.Segment get(@PathVariable String project, @PathVariable String id, Authentication auth) {
        return catalog.require(project(project, auth).id(), id);
    }

    @PutMapping("/segments/{id}")
    SegmentCatalog.Segment update(@PathVariable String project, @PathVariable String id, @RequestBody Map<String, Object> body,
                                  Authentication auth) {
        Project p = project(project, auth);
        loader.catchUp();
        return catalog.update(p, id, body);
    }

    @DeleteMapping("/segments/{id}")
    ResponseEntity<Void> delete(@PathVariable String project, @PathVariable String id, Authentication auth) {
        catalog.delete(project(project, auth).id(), id);
        return ResponseEntity.noContent().build();
    }

    /** Replaces a static segment's persons: {@code text/csv} (one id a line, an optional {@code person_id} header) or a JSON list. */
    @PutMapping(path = "/segments/{id}/members", consumes = "text/csv")
    Map<String, Object> upload(@PathVariable String project, @PathVariable String id, @RequestBody String csv, Authentication auth) {
        Project p = project(project, auth);
        List<String> persons = new ArrayList<>();
        for (String line : csv.split("\r?\n")) {
            String v = line.strip();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
                v = v.substring(1, v.length() - 1).replace("\"\"", "\"");
            }
            if (!v.isEmpty() && !(persons.isEmpty() && v.equals("person_id"))) {
                persons.add(v);
            }
        }
        catalog.replaceMembers(p, id, persons);
        return Map.of("segment", id, "persons", persons.stream().distinct().count());
    }

    @PutMapping(path = "/segments/{id}/members", consumes = "application/json")
    Map<String, Object> uploadJson(@PathVariable String project, @PathVariable String id, @RequestBody List<String> persons,
                                   Authentication auth) {
        Project p = project(project, auth);
        catalog.replaceMembers(p, id, persons);
        return Map.of("segment", id, "persons", persons.stream().distinct().count());
    }

    /** Evaluates an unsaved definition: size and the first persons. */
    @PostMapping("/segments/preview")
    Map<String, Object> preview(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        for (String k : body.keySet()) {
            if (!k.equals("definition") && !k.equals("as_of")) {
                throw new InvalidQueryException(k, "unknown field '" + k + "'; allowed: as_of, definition");
            }
        }
        LocalDate asOf = asOf(p, body.get("as_of") == null ? null : String.valueOf(body.get("as_of")));
        SegmentNode node = catalog.parse(p, null, body.get("definition"));
        loader.catchUp();
        SegmentResolver.Target target = new SegmentResolver.Target("preview", node);
        long size = evaluator.count(p.id(), p.timeZone(), asOf, target, catalog.resolver(p.id()));
        List<String> sample = new ArrayList<>();
        evaluator.list(p.id(), p.timeZone(), asOf, target, catalog.resolver(p.id()), 20, 0, sample::add);
        return Map.of("as_of", asOf.toString(), "persons", size, "sample", sample);
    }

    @GetMapping("/segments/{id}/size")
    Map<String, Object> size(@PathVariable String project, @PathVariable String id, @RequestParam(name = "as_of", required = false) String asOf,
                             Authentication auth) {
        Project p = project(project, auth);
        SegmentCatalog.Segment s = catalog.require(p.id(), id);
        LocalDate day = asOf(p, asOf);
        loader.catchUp();
        return Map.of("segment", id, "as_of", day.toString(),
                "persons", evaluator.count(p.id(), p.timeZone(), day, SegmentCatalog.target(s), catalog.resolver(p.id())));
    }

    /** Stored daily sizes; {@code POST} computes and stores the sizes of the days asked (default yesterday). */
    @GetMapping("/segments/{id}/sizes")
    Map<String, Object> sizes(@PathVariable String project, @PathVariable String id, @RequestParam String from, @RequestParam String to,
                              Authentication auth) {
        Project p = project(project, auth);
        catalog.require(p.id(), id);
        LocalDate f = date(from, "from");
        LocalDate t = date(to, "to");
        if (f.isAfter(t)) {
            throw new InvalidQueryException("from", "from must not be after to");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        repository.sizes(p.id(), id, f, t).forEach(s -> out.add(Map.of("date", s.date().toString(), "persons", s.persons())));
        return Map.of("segment", id, "sizes", out);
    }

    @PostMapping("/segments/{id}/sizes")
    Map<String, Object> snapshot(@PathVariable String project, @PathVariable String id, @RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to, Authentication auth) {
        Project p = project(project, auth);
        SegmentCatalog.Segment s = catalog.require(p.id(), id);
        LocalDate yesterday = LocalDate.now(p.timeZone()).minusDays(1);
        LocalDate f = from == null ? yesterday : date(from, "from");
        LocalDate t = to == null ? f : date(to, "to");
        if (f.isAfter(t) || ChronoUnit.DAYS.between(f, t) >= 366) {
            throw new InvalidQueryException("to", "from ≤ to, at most 366 days");
        }
        loader.catchUp();
        List<Map<String, Object>> out = new ArrayList<>();
        for (LocalDate d = f; !d.isAfter(t); d = d.plusDays(1)) {
            out.add(Map.of("date", d.toString(), "persons", snapshots.snapshot(p, s, d)));
        }
        return Map.of("segment", id, "sizes", out);
    }

    /** Members in id order, a page of them as JSON. */
    @GetMapping("/segments/{id}/members")
    Map<String, Object> members(@PathVariable String project, @PathVariable String id, @RequestParam(name = "as_of", required = false) String asOf,
                                @RequestParam(defaultValue = "json") String format, @RequestParam(defaultValue = "100") int limit,
                                @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        if (!format.equals("json")) {
            throw new InvalidQueryException("format", "format is json or csv");
        }
        Project p = project(project, auth);
        SegmentCatalog.Segment s = catalog.require(p.id(), id);
        LocalDate day = asOf(p, asOf);
        loader.catchUp();
        int page = Math.max(1, Math.min(limit, 10_000));
        List<String> persons = new ArrayList<>();
        evaluator.list(p.id(), p.timeZone(), day, SegmentCatalog.target(s), catalog.resolver(p.id()), page, Math.max(0, offset), persons::add);
        return Map.of("segment", id, "as_of", day.toString(), "limit", page, "offset", Math.max(0, offset), "persons", persons);
    }

    /**
     * Every member with {@code format=csv}, written to the response as the rows are read, so a list of
     * millions needs no memory. Written on the request thread: an async dispatch would pass the security
     * filters again without the secret key's authentication.
     */
    @GetMapping(path = "/segments/{id}/members", params = "format=csv")
    void membersCsv(@PathVariable String project, @PathVariable String id, @RequestParam(name = "as_of", required = false) String asOf,
                    Authentication auth, HttpServletResponse response) throws java.io.IOException {
        Project p = project(project, auth);
        SegmentCatalog.Segment s = catalog.require(p.id(), id);
        LocalDate day = asOf(p, asOf);
        SegmentResolver resolver = catalog.resolver(p.id());
        SegmentResolver.Target target = SegmentCatalog.target(s);
        loader.catchUp();
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"segment-" + id + "-" + day + ".csv\"");
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        w.write("person_id\n");
        evaluator.list(p.id(), p.timeZone(), day, target, resolver, 0, 0, person -> {
            try {
                w.write(csvField(person));
                w.write('\n');
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        w.flush();
    }

    /** Which segments the person is in, and for each condition of each segment the person's values and verdict. */
    @GetMapping("/persons/{person}/segments")
    Map<String, Object> memberships(@PathVariable String project, @PathVariable String person,
                                    @RequestParam(name = "as_of", required = false) String asOf, Authentication auth) {
        Project p = project(project, auth);
        LocalDate day = asOf(p, asOf);
        loader.catchUp();
        SegmentResolver resolver = catalog.resolver(p.id());
        List<Map<String, Object>> out = new ArrayList<>();
        for (SegmentCatalog.Segment s : catalog.list(p.id())) {
            SegmentEvaluator.Membership m = evaluator.explain(p.id(), p.timeZone(), day, SegmentCatalog.target(s), resolver, person);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("segment", s.id());
            row.put("name", s.name());
            row.put("member", m.member());
            row.put("conditions", m.conditions());
            out.add(row);
        }
        return Map.of("person", person, "as_of", day.toString(), "segments", out);
    }

    private static LocalDate asOf(Project p, String value) {
        return value == null ? LocalDate.now(p.timeZone()) : date(value, "as_of");
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(field, "'" + value + "' is not a date like 2026-11-25");
        }
    }

    private static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private Project project(String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        return projects.find(project).orElseThrow(() -> new UnknownProjectException(project));
    }

    @ExceptionHandler(SegmentCatalog.NotFound.class)
    ResponseEntity<ApiError> noSegment(SegmentCatalog.NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_segment", e.getMessage()));
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ApiError> invalid(InvalidQueryException e) {
        return ResponseEntity.badRequest().body(ApiError.of("invalid_segment", e.getMessage(), e.field()));
    }
}
