package com.dataeye.server.quality;

import com.dataeye.analytics.quality.EventQualityQuery;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.server.plan.GovernanceApi;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Data quality per event and the quarantine replay (docs/api/quality.md). */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class QualityController {

    private final GovernanceApi api;
    private final QueryExecutor executor;
    private final QuarantineReplayer replayer;

    QualityController(GovernanceApi api, QueryExecutor executor, QuarantineReplayer replayer) {
        this.api = api;
        this.executor = executor;
        this.replayer = replayer;
    }

    @GetMapping("/quality/events/{event}")
    Map<String, Object> event(@PathVariable String project, @PathVariable String event, @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        LocalDate end = GovernanceApi.date("to", to, LocalDate.now(p.timeZone()));
        LocalDate start = GovernanceApi.date("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            throw new GovernanceApi.BadRequest("from", "from must not be after to");
        }
        if (start.plusDays(3660).isBefore(end)) {
            throw new GovernanceApi.BadRequest("from", "at most 10 years per query");
        }
        EventQualityQuery.Result r = new EventQualityQuery(p.id(), event, start, end, p.timeZone()).run(executor);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", p.id());
        out.put("event", event);
        out.put("from", start.toString());
        out.put("to", end.toString());
        out.put("time_zone", p.timeZone().getId());
        out.put("quality", r);
        return out;
    }

    /**
     * Replays quarantined events (optionally only one rejection {@code code}, one {@code event}, received in
     * [{@code from}, {@code to}) as ISO instants), at most {@code limit} (1–10,000) per call.
     */
    @PostMapping("/quarantine/replay")
    QuarantineReplayer.Result replay(@PathVariable String project, @RequestBody(required = false) Map<String, Object> body,
                                     Authentication auth) {
        Project p = api.project(project, auth);
        Map<String, Object> b = body == null ? Map.of() : body;
        String code = text(b, "code");
        String event = text(b, "event");
        Instant from = instant(b, "from", Instant.EPOCH);
        Instant to = instant(b, "to", Instant.now().plusSeconds(86_400));
        int limit = 1000;
        if (b.get("limit") != null) {
            if (!(b.get("limit") instanceof Integer n) || n < 1 || n > 10_000) {
                throw new GovernanceApi.BadRequest("limit", "limit must be a whole number from 1 to 10000");
            }
            limit = n;
        }
        return replayer.replay(p, code, event, from, to, limit);
    }

    private static String text(Map<String, Object> b, String field) {
        Object v = b.get(field);
        if (v != null && !(v instanceof String)) {
            throw new GovernanceApi.BadRequest(field, field + " must be a string");
        }
        return (String) v;
    }

    private static Instant instant(Map<String, Object> b, String field, Instant fallback) {
        String s = text(b, field);
        if (s == null) {
            return fallback;
        }
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new GovernanceApi.BadRequest(field, field + " must be a time like 2026-11-25T00:00:00+08:00");
        }
    }
}
