package com.dataeye.server.autocapture;

import com.dataeye.analytics.quality.AutocaptureStore;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.core.autocapture.AutocaptureSettings;
import com.dataeye.core.project.Project;
import com.dataeye.server.plan.GovernanceApi;
import com.dataeye.server.plan.PlanRegistry;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Autocapture governance of a project (docs/api/governance.md): settings, storage cost, retention. */
@RestController
@RequestMapping("/api/v1/projects/{project}/autocapture")
class AutocaptureController {

    private final GovernanceApi api;
    private final PlanRegistry plans;
    private final AutocaptureStore store;
    private final QueryExecutor executor;
    private final AutocaptureRetention retention;

    AutocaptureController(GovernanceApi api, PlanRegistry plans, AutocaptureStore store, QueryExecutor executor,
                          AutocaptureRetention retention) {
        this.api = api;
        this.plans = plans;
        this.store = store;
        this.executor = executor;
        this.retention = retention;
    }

    @GetMapping
    Map<String, Object> settings(@PathVariable String project, Authentication auth) {
        Project p = api.project(project, auth);
        return view(plans.governance(p.id()).autocapture());
    }

    /** Replaces the settings; fields left out keep their current value. */
    @PutMapping
    Map<String, Object> update(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = api.project(project, auth);
        AutocaptureSettings now = plans.governance(p.id()).autocapture();
        Set<AutocaptureKind> kinds = now.enabled();
        if (body.containsKey("enabled")) {
            kinds = EnumSet.noneOf(AutocaptureKind.class);
            for (String k : strings(body.get("enabled"), "enabled")) {
                kinds.add(AutocaptureKind.fromWire(k).orElseThrow(() -> new GovernanceApi.BadRequest("enabled",
                        "enabled lists autocapture kinds: pageview, click, page_leave, form")));
            }
        }
        List<String> allow = body.containsKey("allow_urls") ? urls(body.get("allow_urls"), "allow_urls") : now.allowUrls();
        List<String> deny = body.containsKey("deny_urls") ? urls(body.get("deny_urls"), "deny_urls") : now.denyUrls();
        double rate = now.sampleRate();
        if (body.containsKey("sample_rate")) {
            if (!(body.get("sample_rate") instanceof Number n) || !(n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
                throw new GovernanceApi.BadRequest("sample_rate", "sample_rate is a number from 0 to 1");
            }
            rate = n.doubleValue();
        }
        Integer days = now.retentionDays();
        if (body.containsKey("retention_days")) {
            Object v = body.get("retention_days");
            if (v != null && (!(v instanceof Integer d) || d < 1 || d > 3650)) {
                throw new GovernanceApi.BadRequest("retention_days", "retention_days is a whole number of days from 1 to 3650, or null to keep");
            }
            days = (Integer) v;
        }
        AutocaptureSettings settings = new AutocaptureSettings(kinds, allow, deny, rate, days);
        plans.setAutocapture(p.id(), settings);
        return view(settings);
    }

    /** Events and estimated bytes stored per day, autocaptured next to explicit. */
    @GetMapping("/storage")
    Map<String, Object> storage(@PathVariable String project, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        LocalDate end = GovernanceApi.date("to", to, LocalDate.now(p.timeZone()));
        LocalDate start = GovernanceApi.date("from", from, end.minusDays(29));
        if (start.isAfter(end) || start.plusDays(3660).isBefore(end)) {
            throw new GovernanceApi.BadRequest("from", "from must not be after to, and at most 10 years before it");
        }
        List<AutocaptureStore.Day> days = store.storage(executor, p.id(), AutocaptureKind.eventNames(), start, end, p.timeZone());
        return Map.of("project", p.id(), "from", start.toString(), "to", end.toString(), "time_zone", p.timeZone().getId(), "days", days);
    }

    /** Applies the retention now (it also runs on a schedule). */
    @PostMapping("/retention/run")
    Map<String, Object> runRetention(@PathVariable String project, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        return Map.of("project", p.id(), "deleted", retention.run(p.id()));
    }

    private static Map<String, Object> view(AutocaptureSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", s.enabled().stream().map(AutocaptureKind::wire).sorted().toList());
        m.put("allow_urls", s.allowUrls());
        m.put("deny_urls", s.denyUrls());
        m.put("sample_rate", s.sampleRate());
        m.put("retention_days", s.retentionDays());
        m.put("events", AutocaptureKind.eventNames().stream().sorted().toList());
        return m;
    }

    private static List<String> urls(Object v, String field) {
        List<String> list = strings(v, field);
        if (list.size() > AutocaptureSettings.MAX_PATTERNS) {
            throw new GovernanceApi.BadRequest(field, "at most " + AutocaptureSettings.MAX_PATTERNS + " patterns");
        }
        for (String s : list) {
            if (s.isBlank() || s.length() > 500) {
                throw new GovernanceApi.BadRequest(field, "each pattern is 1–500 characters");
            }
            try {
                AutocaptureSettings.glob(s);
            } catch (PatternSyntaxException e) {
                throw new GovernanceApi.BadRequest(field, "not a URL pattern: " + s);
            }
        }
        return list;
    }

    private static List<String> strings(Object v, String field) {
        if (!(v instanceof List<?> list) || list.stream().anyMatch(o -> !(o instanceof String))) {
            throw new GovernanceApi.BadRequest(field, field + " must be a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }
}
