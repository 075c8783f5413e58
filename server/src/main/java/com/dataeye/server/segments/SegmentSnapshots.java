package com.dataeye.server.segments;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.segments.LateEvents;
import com.dataeye.analytics.segments.SegmentEvaluator;
import com.dataeye.core.project.Project;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;
import com.dataeye.server.system.DataEyeProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment sizes over time: once a day every segment of every project is counted as of the day that
 * just ended (in the project's time zone) and stored; the API computes any other day on demand.
 * The segment list shows these stored sizes, so that opening it costs no counting over the events;
 * a day missed while the server was down (or a size made stale by a changed definition) is counted
 * in the background after the start ({@link #catchUp}).
 */
@Component
public class SegmentSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSnapshots.class);

    private final ProjectRepository projects;
    private final ProjectDirectory directory;
    private final SegmentCatalog catalog;
    private final SegmentEvaluator evaluator;
    private final SegmentRepository repository;
    private final SegmentLoader loader;

    private final QueryExecutor executor;
    private final boolean catchUpOnStart;
    private final boolean demoEnabled;

    SegmentSnapshots(ProjectRepository projects, ProjectDirectory directory, SegmentCatalog catalog, SegmentEvaluator evaluator,
                     SegmentRepository repository, SegmentLoader loader, QueryExecutor executor,
                     @Value("${dataeye.segments.catch-up-on-start:true}") boolean catchUpOnStart, DataEyeProperties props) {
        this.executor = executor;
        this.catchUpOnStart = catchUpOnStart;
        this.demoEnabled = props.demo().enabled();
        this.projects = projects;
        this.directory = directory;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.repository = repository;
        this.loader = loader;
    }

    /** Default 00:20 server time every day ({@code dataeye.segments.snapshot-cron}). */
    @Scheduled(cron = "${dataeye.segments.snapshot-cron:0 20 0 * * *}")
    void daily() {
        loader.catchUp();
        for (String id : projects.ids()) {
            directory.find(id).ifPresent(p -> {
                LocalDate day = LocalDate.now(p.timeZone()).minusDays(1);
                for (SegmentCatalog.Segment s : catalog.list(id)) {
                    try {
                        snapshot(p, s, day);
                    } catch (RuntimeException e) {
                        LOG.warn("segment {} of project {}: no size for {}: {}", s.id(), id, day, e.getMessage());
                    }
                }
            });
        }
    }

    /**
     * Counts yesterday's size of each segment that has no current stored size for it. Runs after the
     * start (unless the demo is loading its history: the demo calls it when the history is in).
     */
    public void catchUp() {
        loader.catchUp();
        int counted = 0;
        long started = System.nanoTime();
        for (String id : projects.ids()) {
            Project p = directory.find(id).orElse(null);
            if (p == null) {
                continue;
            }
            LocalDate yesterday = LocalDate.now(p.timeZone()).minusDays(1);
            List<SegmentCatalog.Segment> segments = catalog.list(id);
            Map<String, SegmentRepository.Latest> current = current(p, segments);
            for (SegmentCatalog.Segment s : segments) {
                SegmentRepository.Latest latest = current.get(s.id());
                if (latest != null && !latest.date().isBefore(yesterday)) {
                    continue;
                }
                try {
                    snapshot(p, s, yesterday);
                    counted++;
                } catch (RuntimeException e) {
                    LOG.warn("segment {} of project {}: no size for {}: {}", s.id(), id, yesterday, e.getMessage());
                }
            }
        }
        if (counted > 0) {
            LOG.info("segment sizes: {} counted for yesterday in {} ms", counted, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Each segment's newest stored size that still holds: counted after the last change to any of the
     * project's segment definitions (a segment may refer to another, so one change can move any size),
     * and no event of that day or earlier has arrived since it was counted (an import of history).
     */
    Map<String, SegmentRepository.Latest> current(Project project, List<SegmentCatalog.Segment> segments) {
        Instant changed = segments.stream().map(SegmentCatalog.Segment::updatedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        Map<String, SegmentRepository.Latest> out = new HashMap<>(repository.latestSizes(project.id()));
        out.values().removeIf(l -> l.computedAt().isBefore(changed));
        Instant firstCounted = out.values().stream().map(SegmentRepository.Latest::computedAt).min(Instant::compareTo).orElse(null);
        if (firstCounted != null) {
            LateEvents.earliestReceivedAfter(executor, project.id(), firstCounted).ifPresent(late -> out.values().removeIf(l ->
                    late.isBefore(l.date().plusDays(1).atStartOfDay(project.timeZone()).toInstant())));
        }
        return out;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        if (!catchUpOnStart || demoEnabled) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                catchUp();
            } catch (RuntimeException e) {
                LOG.warn("segment sizes: catch-up after the start failed: {}", e.getMessage());
            }
        }, "dataeye-segment-catch-up");
        t.setDaemon(true);
        t.start();
    }

    long snapshot(Project p, SegmentCatalog.Segment s, LocalDate day) {
        long persons = evaluator.count(p.id(), p.timeZone(), day, SegmentCatalog.target(s), catalog.resolver(p.id()));
        repository.saveSize(p.id(), s.id(), day, persons);
        return persons;
    }
}
