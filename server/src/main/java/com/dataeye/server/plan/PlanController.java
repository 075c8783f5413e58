package com.dataeye.server.plan;

import com.dataeye.analytics.quality.ObservedEventsQuery;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.plan.EventSpec;
import com.dataeye.core.plan.ObservedEvent;
import com.dataeye.core.plan.PlanAdoption;
import com.dataeye.core.plan.PlanDiff;
import com.dataeye.core.plan.PlanFileException;
import com.dataeye.core.plan.PlanReader;
import com.dataeye.core.plan.PlanWriter;
import com.dataeye.core.plan.TrackingPlan;
import com.dataeye.core.plan.UnknownPolicy;
import com.dataeye.core.project.Project;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracking plan of a project (docs/api/tracking-plan.md): the whole plan as a file (export,
 * import), single events (CRUD), the policy for unknowns, the shipped preset, and the plan against
 * what arrives (diff, discovery, adopt).
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/plan")
class PlanController {

    static final String PRESET = "virtual-goods-ecommerce";

    private final GovernanceApi api;
    private final PlanRegistry plans;
    private final QueryExecutor executor;
    private final PlanReader reader = new PlanReader();

    PlanController(GovernanceApi api, PlanRegistry plans, QueryExecutor executor) {
        this.api = api;
        this.plans = plans;
        this.executor = executor;
    }

    @GetMapping
    ResponseEntity<byte[]> export(@PathVariable String project, @RequestParam(required = false) String format, Authentication auth) {
        Project p = api.project(project, auth);
        PlanFiles.Format f = PlanFiles.format(null, format);
        return ResponseEntity.ok()
                .contentType(f == PlanFiles.Format.YAML ? MediaType.parseMediaType("application/yaml") : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"tracking-plan-" + p.id() + (f == PlanFiles.Format.YAML ? ".yaml\"" : ".json\""))
                .body(PlanFiles.write(PlanWriter.tree(plans.plan(p.id())), f));
    }

    /** Imports a plan file, replacing the project's plan; {@code dry_run=true} only checks it and shows the change. */
    @PutMapping
    Map<String, Object> importPlan(@PathVariable String project, @RequestParam(required = false) String format,
                                   @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
                                   HttpServletRequest request, Authentication auth) throws IOException {
        Project p = api.project(project, auth);
        if (request.getContentLengthLong() > PlanFiles.MAX_BYTES) {
            throw new PlanFileException("plan_too_large", null, "the plan file is larger than " + PlanFiles.MAX_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = PlanFiles.readLimited(in);
        }
        TrackingPlan plan = reader.plan(PlanFiles.parse(body, PlanFiles.format(request.getContentType(), format)));
        TrackingPlan before = plans.plan(p.id());
        if (!dryRun) {
            plans.replace(p.id(), plan);
        }
        return Map.of("project", p.id(), "dry_run", dryRun, "events", plan.events().size(), "changes", changes(before, plan));
    }

    private static Map<String, List<String>> changes(TrackingPlan before, TrackingPlan after) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (EventSpec e : after.events()) {
            before.event(e.name()).ifPresentOrElse(b -> {
                if (!b.equals(e)) {
                    changed.add(e.name());
                }
            }, () -> added.add(e.name()));
        }
        before.events().stream().filter(b -> after.event(b.name()).isEmpty()).forEach(b -> removed.add(b.name()));
        return Map.of("added", added, "changed", changed, "removed", removed);
    }

    @GetMapping("/events")
    Map<String, Object> events(@PathVariable String project, Authentication auth) {
        Project p = api.project(project, auth);
        return Map.of("project", p.id(), "events", plans.plan(p.id()).events().stream().map(PlanWriter::event).toList());
    }

    @GetMapping("/events/{name}")
    Map<String, Object> event(@PathVariable String project, @PathVariable String name, Authentication auth) {
        Project p = api.project(project, auth);
        return PlanWriter.event(plans.plan(p.id()).event(name)
                .orElseThrow(() -> new GovernanceApi.NotFound("unknown_plan_event", "event '" + name + "' is not in the plan")));
    }

    @PutMapping("/events/{name}")
    Map<String, Object> putEvent(@PathVariable String project, @PathVariable String name, @RequestBody Map<String, Object> body,
                                 Authentication auth) {
        Project p = api.project(project, auth);
        Map<String, Object> tree = new LinkedHashMap<>(body);
        Object named = tree.putIfAbsent("name", name);
        if (named != null && !named.equals(name)) {
            throw new GovernanceApi.BadRequest("name", "the body names event '" + named + "' but the path names '" + name + "'");
        }
        EventSpec e = reader.event(tree, "$");
        plans.putEvent(p.id(), e);
        return PlanWriter.event(e);
    }

    @DeleteMapping("/events/{name}")
    ResponseEntity<Void> deleteEvent(@PathVariable String project, @PathVariable String name, Authentication auth) {
        Project p = api.project(project, auth);
        if (!plans.deleteEvent(p.id(), name)) {
            throw new GovernanceApi.NotFound("unknown_plan_event", "event '" + name + "' is not in the plan");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/policy")
    Map<String, Object> policy(@PathVariable String project, Authentication auth) {
        Project p = api.project(project, auth);
        Governance g = plans.governance(p.id());
        return Map.of("unknown_events", g.unknownEvents().wire(), "unknown_properties", g.unknownProperties().wire());
    }

    @PutMapping("/policy")
    Map<String, Object> setPolicy(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = api.project(project, auth);
        Governance g = plans.governance(p.id());
        UnknownPolicy events = policy(body, "unknown_events", g.unknownEvents());
        UnknownPolicy props = policy(body, "unknown_properties", g.unknownProperties());
        plans.setPolicy(p.id(), events, props);
        return Map.of("unknown_events", events.wire(), "unknown_properties", props.wire());
    }

    private static UnknownPolicy policy(Map<String, Object> body, String field, UnknownPolicy current) {
        Object v = body.get(field);
        if (v == null) {
            return current;
        }
        return UnknownPolicy.fromWire(String.valueOf(v))
                .orElseThrow(() -> new GovernanceApi.BadRequest(field, field + " must be accept, flag or quarantine"));
    }

    /** Adds the shipped plan's events that the project's plan does not have yet (its own events are kept). */
    @PostMapping("/preset")
    Map<String, Object> preset(@PathVariable String project, @RequestParam(defaultValue = PRESET) String name, Authentication auth)
            throws IOException {
        Project p = api.project(project, auth);
        if (!PRESET.equals(name)) {
            throw new GovernanceApi.NotFound("unknown_preset", "the shipped preset is '" + PRESET + "'");
        }
        TrackingPlan preset = preset();
        TrackingPlan current = plans.plan(p.id());
        List<EventSpec> events = new ArrayList<>(current.events());
        List<String> added = new ArrayList<>();
        for (EventSpec e : preset.events()) {
            if (current.event(e.name()).isEmpty()) {
                events.add(e);
                added.add(e.name());
            }
        }
        boolean empty = current.events().isEmpty();
        plans.replace(p.id(), new TrackingPlan(empty ? preset.unknownEvents() : current.unknownEvents(),
                empty ? preset.unknownProperties() : current.unknownProperties(), events));
        return Map.of("project", p.id(), "preset", PRESET, "added", added);
    }

    TrackingPlan preset() throws IOException {
        try (InputStream in = PlanController.class.getResourceAsStream("/plans/" + PRESET + ".yaml")) {
            return reader.plan(PlanFiles.parse(in.readAllBytes(), PlanFiles.Format.YAML));
        }
    }

    @GetMapping("/diff")
    Map<String, Object> diff(@PathVariable String project, @RequestParam(required = false) String days, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        int d = GovernanceApi.days(days, 30);
        PlanDiff diff = PlanDiff.of(plans.plan(p.id()), observed(p, d));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", p.id());
        out.put("days", d);
        out.put("unplanned_events", diff.unplannedEvents());
        out.put("unplanned_properties", diff.unplannedProperties());
        out.put("planned_but_not_seen", diff.plannedButNotSeen());
        out.put("type_mismatches", diff.typeMismatches());
        out.put("missing_required", diff.missingRequired());
        return out;
    }

    /** Events and properties that arrive but are not in the plan: what a developer can adopt. */
    @GetMapping("/discovery")
    Map<String, Object> discovery(@PathVariable String project, @RequestParam(required = false) String days, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        int d = GovernanceApi.days(days, 30);
        PlanDiff diff = PlanDiff.of(plans.plan(p.id()), observed(p, d));
        return Map.of("project", p.id(), "days", d, "events", diff.unplannedEvents(), "properties", diff.unplannedProperties());
    }

    /** Adopts discovered events ({@code events: [name]}) and properties ({@code properties: [{event, name}]}) in one step. */
    @PostMapping("/adopt")
    Map<String, Object> adopt(@PathVariable String project, @RequestParam(required = false) String days,
                              @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        List<String> events = strings(body.get("events"), "events");
        List<PlanAdoption.PropertyRef> props = new ArrayList<>();
        Object rawProps = body.get("properties");
        if (rawProps != null) {
            if (!(rawProps instanceof List<?> list)) {
                throw new GovernanceApi.BadRequest("properties", "properties must be a list of {event, name}");
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("event") instanceof String ev) || !(m.get("name") instanceof String n)) {
                    throw new GovernanceApi.BadRequest("properties", "properties must be a list of {event, name}");
                }
                props.add(new PlanAdoption.PropertyRef(ev, n));
            }
        }
        if (events.isEmpty() && props.isEmpty()) {
            throw new GovernanceApi.BadRequest("events", "name at least one event or property to adopt");
        }
        TrackingPlan before = plans.plan(p.id());
        TrackingPlan after = PlanAdoption.adopt(before, observed(p, GovernanceApi.days(days, 30)), events, props);
        plans.replace(p.id(), after);
        return Map.of("project", p.id(), "changes", changes(before, after));
    }

    private List<ObservedEvent> observed(Project p, int days) {
        Instant to = Instant.now().plus(Duration.ofDays(1));
        return new ObservedEventsQuery(p.id(), Instant.now().minus(Duration.ofDays(days)), to).run(executor);
    }

    private static List<String> strings(Object v, String field) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof String))) {
            throw new GovernanceApi.BadRequest(field, field + " must be a list of names");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
