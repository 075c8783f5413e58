package com.dataeye.server.segments;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.segments.SegmentEvaluator;
import com.dataeye.core.project.Project;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.project.ProjectRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Segment sizes over time: once a day every segment of every project is counted as of the day that
 * just ended (in the project's time zone) and stored; the API computes any other day on demand.
 */
@Component
class SegmentSnapshots {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSnapshots.class);

    private final ProjectRepository projects;
    private final ProjectDirectory directory;
    private final SegmentCatalog catalog;
    private final SegmentEvaluator evaluator;
    private final SegmentRepository repository;
    private final SegmentLoader loader;

    SegmentSnapshots(ProjectRepository projects, ProjectDirectory directory, SegmentCatalog catalog, SegmentEvaluator evaluator,
                     SegmentRepository repository, SegmentLoader loader) {
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

    long snapshot(Project p, SegmentCatalog.Segment s, LocalDate day) {
        long persons = evaluator.count(p.id(), p.timeZone(), day, SegmentCatalog.target(s), catalog.resolver(p.id()));
        repository.saveSize(p.id(), s.id(), day, persons);
        return persons;
    }
}
