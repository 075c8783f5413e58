package com.dataeye.server.quality;

import com.dataeye.core.project.Project;
import com.dataeye.server.plan.GovernanceApi;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Volume and quarantine alerts of a project (docs/api/quality.md): the rule, and a check on demand. */
@RestController
@RequestMapping("/api/v1/projects/{project}/alerts")
class AlertController {

    private final GovernanceApi api;
    private final AlertRepository alerts;
    private final VolumeAlerter alerter;

    AlertController(GovernanceApi api, AlertRepository alerts, VolumeAlerter alerter) {
        this.api = api;
        this.alerts = alerts;
        this.alerter = alerter;
    }

    @GetMapping
    Object rule(@PathVariable String project, Authentication auth) {
        Project p = api.project(project, auth);
        return alerts.rule(p.id()).<Object>map(r -> r).orElse(Map.of("project_id", p.id(), "enabled", false));
    }

    @PutMapping
    AlertRepository.AlertRule setRule(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = api.project(project, auth);
        if (!(body.get("webhook_url") instanceof String url) || !webUrl(url)) {
            throw new GovernanceApi.BadRequest("webhook_url", "webhook_url must be an http:// or https:// URL");
        }
        AlertRepository.AlertRule rule = new AlertRepository.AlertRule(p.id(), url,
                number(body, "volume_change_pct", 50, 1, 1000), number(body, "min_daily_events", 100, 0, 1_000_000_000),
                number(body, "quarantine_share_pct", 5, 0, 100), !Boolean.FALSE.equals(body.get("enabled")));
        alerts.save(rule);
        return rule;
    }

    /** Checks one day now (yesterday by default) and sends what is new; the answer lists every alert found. */
    @PostMapping("/check")
    Map<String, Object> check(@PathVariable String project, @RequestParam(required = false) String day, Authentication auth) {
        Project p = api.projectCaughtUp(project, auth);
        AlertRepository.AlertRule rule = alerts.rule(p.id())
                .orElseThrow(() -> new GovernanceApi.NotFound("no_alert_rule", "set an alert rule first (PUT …/alerts)"));
        LocalDate d = GovernanceApi.date("day", day, LocalDate.now(p.timeZone()).minusDays(1));
        List<VolumeAlerter.Sent> sent = alerter.check(p, rule, d);
        return Map.of("project", p.id(), "day", d.toString(), "alerts", sent);
    }

    private static boolean webUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null && s.length() <= 2000;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int number(Map<String, Object> body, String field, int fallback, int min, int max) {
        Object v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Integer n) || n < min || n > max) {
            throw new GovernanceApi.BadRequest(field, field + " must be a whole number from " + min + " to " + max);
        }
        return n;
    }
}
