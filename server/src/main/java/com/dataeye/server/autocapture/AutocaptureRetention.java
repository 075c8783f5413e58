package com.dataeye.server.autocapture;

import com.dataeye.analytics.quality.AutocaptureStore;
import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.server.plan.PlanRegistry;
import com.dataeye.server.project.ProjectRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes autocaptured events older than each project's autocapture retention; explicit events are
 * never touched. Runs every {@code dataeye.governance.retention-interval} (6 h by default), first
 * one interval after start, and on demand from the API.
 */
@Service
public class AutocaptureRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AutocaptureRetention.class);

    private final PlanRegistry plans;
    private final ProjectRepository projects;
    private final AutocaptureStore store;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataeye-autocapture-retention");
        t.setDaemon(true);
        return t;
    });

    AutocaptureRetention(PlanRegistry plans, ProjectRepository projects, AutocaptureStore store,
                         @Value("${dataeye.governance.retention-interval:6h}") Duration interval) {
        this.plans = plans;
        this.projects = projects;
        this.store = store;
        timer.scheduleWithFixedDelay(this::runQuietly, interval.toSeconds(), interval.toSeconds(), TimeUnit.SECONDS);
    }

    /** Applies one project's retention now; the number of events deleted (0 when it keeps autocapture). */
    public long run(String projectId) {
        Integer days = plans.governance(projectId).autocapture().retentionDays();
        if (days == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(days));
        long deleted = store.deleteBefore(projectId, AutocaptureKind.eventNames(), cutoff);
        if (deleted > 0) {
            log.info("autocapture retention: deleted {} autocaptured events of project {} before {}", deleted, projectId, cutoff);
        }
        return deleted;
    }

    private void runQuietly() {
        for (String id : projects.ids()) {
            try {
                run(id);
            } catch (RuntimeException e) {
                log.warn("autocapture retention of project {} failed; trying again next run", id, e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
