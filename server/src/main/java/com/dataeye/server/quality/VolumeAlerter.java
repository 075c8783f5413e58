package com.dataeye.server.quality;

import com.dataeye.analytics.quality.DailyArrivalsQuery;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.core.quality.VolumeAlerts;
import com.dataeye.server.project.ProjectDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates each project's alert rule for a day ({@link VolumeAlerts}) and posts every new alert to
 * its webhook as JSON. An alert is recorded as sent only after the webhook answered 2xx, so a
 * receiver that was down gets it on the next run, and never twice. Runs every
 * {@code dataeye.governance.alert-interval} (1 h by default) for yesterday, and on demand.
 */
@Service
class VolumeAlerter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VolumeAlerter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertRepository alerts;
    private final ProjectDirectory projects;
    private final QueryExecutor executor;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataeye-volume-alerts");
        t.setDaemon(true);
        return t;
    });

    VolumeAlerter(AlertRepository alerts, ProjectDirectory projects, QueryExecutor executor,
                  @Value("${dataeye.governance.alert-interval:1h}") Duration interval) {
        this.alerts = alerts;
        this.projects = projects;
        this.executor = executor;
        // the first run after one interval: a restart loop must not turn into an alert storm
        timer.scheduleWithFixedDelay(this::runQuietly, interval.toSeconds(), interval.toSeconds(), TimeUnit.SECONDS);
    }

    record Sent(String kind, String event, LocalDate day, long value, double baseline, String message, boolean delivered,
                boolean alreadySent) {}

    /** One check at a time, so a scheduled run and an operator's check cannot both send the same alert. */
    synchronized List<Sent> check(Project p, AlertRepository.AlertRule rule, LocalDate day) {
        Map<String, List<VolumeAlerts.Day>> history = new DailyArrivalsQuery(p.id(), day.minusDays(7), day, p.timeZone()).run(executor);
        List<VolumeAlerts.Alert> found = VolumeAlerts.evaluate(
                new VolumeAlerts.Rule(rule.volumeChangePct(), rule.minDailyEvents(), rule.quarantineSharePct()), day, history);
        List<Sent> result = new ArrayList<>();
        for (VolumeAlerts.Alert a : found) {
            String kind = a.kind().name().toLowerCase(Locale.ROOT);
            if (alerts.wasSent(p.id(), kind, a.event(), a.day())) {
                result.add(new Sent(kind, a.event(), a.day(), a.value(), a.baseline(), a.message(), false, true));
                continue;
            }
            boolean delivered = post(rule.webhookUrl(), p, kind, a);
            if (delivered) {
                alerts.recordSent(p.id(), kind, a.event(), a.day());
            }
            result.add(new Sent(kind, a.event(), a.day(), a.value(), a.baseline(), a.message(), delivered, false));
        }
        return result;
    }

    private boolean post(String url, Project p, String kind, VolumeAlerts.Alert a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", p.id());
        body.put("kind", kind);
        body.put("event", a.event());
        body.put("day", a.day().toString());
        body.put("value", a.value());
        body.put("baseline", a.baseline());
        body.put("message", a.message());
        body.put("text", "DataEye 数据之眼 · " + p.name() + " · " + a.message());
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("User-Agent", "DataEye-alerts")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                return true;
            }
            log.warn("alert webhook of project {} answered {}; the alert is sent again next run", p.id(), r.statusCode());
        } catch (java.io.IOException | IllegalArgumentException e) {
            log.warn("alert webhook of project {} failed ({}); the alert is sent again next run", p.id(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void runQuietly() {
        for (AlertRepository.AlertRule rule : alerts.enabledRules()) {
            try {
                projects.find(rule.projectId()).ifPresent(p -> check(p, rule, LocalDate.now(p.timeZone()).minusDays(1)));
            } catch (RuntimeException e) {
                log.warn("volume alerts of project {} failed; trying again next run", rule.projectId(), e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
