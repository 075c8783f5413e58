package com.dataeye.server.demo;

import com.dataeye.core.project.Project;
import com.dataeye.server.imports.Importer;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.system.DataEyeProperties;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.live.LiveTraffic;
import com.dataeye.simulator.output.EventJson;
import com.dataeye.simulator.output.SimulatedEvent;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.dataeye.server.segments.SegmentSnapshots;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Demo mode ({@code dataeye.demo.enabled}, on with {@code ./dataeye start}; docs/features/demo.md):
 * once the server is up, the demo project gets 90 days of simulated history (once per data
 * directory), then a live trickle of new visitors sent through the real collector — HTTP, write key,
 * validation, group commit, event log — so the real-time board moves. Runs on one background thread;
 * the server serves meanwhile.
 */
@Component
class DemoShop {

    private static final Logger log = LoggerFactory.getLogger(DemoShop.class);
    static final int HISTORY_DAYS = 90;

    private final DataEyeProperties props;
    private final Importer importer;
    private final ProjectDirectory projects;
    private final ApiKeyRepository keys;
    private volatile Thread worker;

    private final SegmentSnapshots snapshots;

    DemoShop(DataEyeProperties props, Importer importer, ProjectDirectory projects, ApiKeyRepository keys, SegmentSnapshots snapshots) {
        this.props = props;
        this.snapshots = snapshots;
        this.importer = importer;
        this.projects = projects;
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start(ApplicationReadyEvent ready) {
        DataEyeProperties.Demo demo = props.demo();
        if (!demo.enabled()) {
            return;
        }
        int port = ready.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
        worker = new Thread(() -> run(demo, port), "dataeye-demo");
        worker.setDaemon(true);
        worker.start();
    }

    private void run(DataEyeProperties.Demo demo, int port) {
        Project project = projects.find(demo.project()).orElse(null);
        if (project == null) {
            log.warn("demo mode: no project '{}'", demo.project());
            return;
        }
        SimulationConfig shop = DemoHistory.shop(demo.seed(), demo.persons(), HISTORY_DAYS);
        try {
            long started = System.nanoTime();
            long accepted = DemoHistory.loadOnce(importer, project, shop, props.dataDir());
            if (accepted >= 0) {
                log.info("demo mode: {} days of history loaded into '{}': {} events in {} s (answer key in {})", HISTORY_DAYS,
                        project.id(), accepted, (System.nanoTime() - started) / 1_000_000_000, props.dataDir().resolve("demo"));
            }
        } catch (Exception e) {
            log.error("demo mode: loading the history failed; it is tried again on the next start", e);
        }
        try {
            snapshots.catchUp(); // the segment list shows stored sizes: count yesterday's now that the history is in
        } catch (RuntimeException e) {
            log.warn("demo mode: segment sizes not counted: {}", e.getMessage());
        }
        if (demo.liveRate() > 0) {
            trickle(shop, project, demo.liveRate(), port);
        }
    }

    /** Sends about {@code rate} events a second, once a second, as the shop's visitors would. */
    private void trickle(SimulationConfig shop, Project project, double rate, int port) {
        String writeKey = keys.activeKeys(project.id(), ApiKeyRepository.Kind.WRITE).stream()
                .map(ApiKeyRepository.KeyRow::keyId).findFirst().orElse(null);
        if (writeKey == null) {
            log.warn("demo mode: project '{}' has no write key; no live events", project.id());
            return;
        }
        LiveTraffic live = new LiveTraffic(shop, System::currentTimeMillis);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI collector = URI.create("http://127.0.0.1:" + port + "/api/v1/events");
        JsonFactory factory = new JsonFactory();
        EventJson eventJson = new EventJson();
        double owed = 0;
        log.info("demo mode: about {} live events a second into '{}'", rate, project.id());
        while (!Thread.currentThread().isInterrupted()) {
            owed += rate;
            int n = (int) owed;
            owed -= n;
            if (n > 0) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                try (JsonGenerator json = factory.createGenerator(ObjectWriteContext.empty(), body)) {
                    json.writeStartArray();
                    for (int i = 0; i < n; i++) {
                        SimulatedEvent e = live.next();
                        eventJson.write(json, e);
                    }
                    json.writeEndArray();
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(collector).timeout(Duration.ofSeconds(10))
                            .header("X-Write-Key", writeKey).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        log.debug("demo mode: the collector answered {}: {}", r.statusCode(), r.body());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.debug("demo mode: live events not sent: {}", e.getMessage());
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @PreDestroy
    void stop() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
