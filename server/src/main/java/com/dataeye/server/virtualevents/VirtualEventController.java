package com.dataeye.server.virtualevents;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.virtualevents.VirtualEventPreview;
import com.dataeye.core.project.Project;
import com.dataeye.core.virtualevents.InvalidDefinitionException;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.plan.GovernanceApi;

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

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Virtual events of a project (docs/api/virtual-events.md): list, get with its versions, create,
 * save a new version, archive, and preview what a definition matches. Access as for the tracking
 * plan: an operator login or the project's secret key.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/virtual-events")
class VirtualEventController {

    private final GovernanceApi api;
    private final VirtualEventCatalog catalog;
    private final VirtualEventPreview preview;
    private final SegmentLoader loader;

    VirtualEventController(GovernanceApi api, VirtualEventCatalog catalog, QueryExecutor executor, SegmentLoader loader) {
        this.api = api;
        this.catalog = catalog;
        this.preview = new VirtualEventPreview(executor);
        this.loader = loader;
    }

    @GetMapping
    Map<String, Object> list(@PathVariable String project, @RequestParam(defaultValue = "false") boolean archived, Authentication auth) {
        Project p = api.project(project, auth);
        return Map.of("project", p.id(), "virtual_events", catalog.list(p.id(), archived).stream().map(VirtualEventController::json).toList());
    }

    @GetMapping("/{name}")
    Map<String, Object> get(@PathVariable String project, @PathVariable String name, Authentication auth) {
        Project p = api.project(project, auth);
        List<VirtualEvent> versions = catalog.versions(p.id(), name);
        if (versions.isEmpty()) {
            throw new VirtualEventCatalog.NotFound("no virtual event '" + name + "'");
        }
        Map<String, Object> out = json(versions.get(0));
        out.put("versions", versions.stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("saved_at", v.savedAt().toString());
            m.put("saved_by", v.savedBy());
            m.put("archived", v.archived());
            return m;
        }).toList());
        return out;
    }

    @GetMapping("/{name}/versions/{version}")
    Map<String, Object> version(@PathVariable String project, @PathVariable String name, @PathVariable int version, Authentication auth) {
        Project p = api.project(project, auth);
        return catalog.versions(p.id(), name).stream().filter(v -> v.version() == version).findFirst().map(VirtualEventController::json)
                .orElseThrow(() -> new VirtualEventCatalog.NotFound("virtual event '" + name + "' has no version " + version));
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = api.project(project, auth);
        loader.catchUp(); // the name check looks at what arrived so far
        return ResponseEntity.status(HttpStatus.CREATED).body(json(catalog.create(p, body, auth.getName())));
    }

    @PutMapping("/{name}")
    Map<String, Object> update(@PathVariable String project, @PathVariable String name, @RequestBody Map<String, Object> body,
                               Authentication auth) {
        Project p = api.project(project, auth);
        return json(catalog.update(p, name, body, auth.getName()));
    }

    @DeleteMapping("/{name}")
    Map<String, Object> archive(@PathVariable String project, @PathVariable String name, Authentication auth) {
        Project p = api.project(project, auth);
        return json(catalog.archive(p, name, auth.getName()));
    }

    /** What a draft definition (the body, not saved) matches over the last {@code days} days. */
    @PostMapping("/preview")
    VirtualEventPreview.Result previewDraft(@PathVariable String project, @RequestParam(defaultValue = "14") String days,
                                            @RequestParam(defaultValue = "10") String samples, @RequestBody Map<String, Object> body,
                                            Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        return run(p, catalog.parse(p, body), days, samples);
    }

    @GetMapping("/{name}/preview")
    VirtualEventPreview.Result previewSaved(@PathVariable String project, @PathVariable String name,
                                            @RequestParam(defaultValue = "14") String days, @RequestParam(defaultValue = "10") String samples,
                                            Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        VirtualEvent v = catalog.find(p.id(), name).orElseThrow(() -> new VirtualEventCatalog.NotFound("no virtual event '" + name + "'"));
        return run(p, v.definition(), days, samples);
    }

    private VirtualEventPreview.Result run(Project p, VirtualEventDefinition d, String days, String samples) {
        int n = GovernanceApi.days(days, 14);
        if (n > 366) {
            throw new GovernanceApi.BadRequest("days", "a preview covers at most 366 days");
        }
        int s;
        try {
            s = Integer.parseInt(samples);
        } catch (NumberFormatException e) {
            s = -1;
        }
        if (s < 0 || s > 100) {
            throw new GovernanceApi.BadRequest("samples", "samples is 0–100");
        }
        return preview.run(p.id(), p.timeZone(), d, LocalDate.now(p.timeZone()), n, s);
    }

    static Map<String, Object> json(VirtualEvent v) {
        Map<String, Object> out = new LinkedHashMap<>(v.definition().toMap());
        out.put("version", v.version());
        out.put("saved_at", v.savedAt().toString());
        out.put("saved_by", v.savedBy());
        out.put("archived", v.archived());
        return out;
    }

    @ExceptionHandler(InvalidDefinitionException.class)
    ResponseEntity<ApiError> invalid(InvalidDefinitionException e) {
        return ResponseEntity.badRequest().body(ApiError.of("invalid_definition", e.getMessage(), e.field()));
    }

    @ExceptionHandler(VirtualEventCatalog.NotFound.class)
    ResponseEntity<ApiError> notFound(VirtualEventCatalog.NotFound e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_virtual_event", e.getMessage()));
    }

    @ExceptionHandler(VirtualEventCatalog.Conflict.class)
    ResponseEntity<ApiError> conflict(VirtualEventCatalog.Conflict e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of(e.code, e.getMessage()));
    }
}
