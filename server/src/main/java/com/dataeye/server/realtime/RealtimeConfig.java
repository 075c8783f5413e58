package com.dataeye.server.realtime;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.overview.OverviewRestore;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.project.Project;
import com.dataeye.core.realtime.LiveEvents;
import com.dataeye.core.realtime.Overview;
import com.dataeye.core.realtime.SpeedLayer;
import com.dataeye.server.project.ProjectDirectory;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The embedded speed layer (docs/features/overview.md): the core {@link Overview} and
 * {@link LiveEvents}, fed by the group committer once events are durable, rebuilt from the store on
 * start (after the log's leftovers are loaded, before the collector takes traffic).
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfig {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeConfig.class);
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    /** Events waiting for the speed layer before it drops groups from the real-time view. */
    private static final int MAX_QUEUED_EVENTS = 1_000_000;
    private static final int LIVE_EVENTS_KEPT = 1_000;

    @Bean
    Overview overview(ProjectDirectory projects) {
        return new Overview(Clock.systemUTC(), id -> projects.find(id).map(Project::timeZone).orElse(DEFAULT_ZONE));
    }

    @Bean
    LiveEvents liveEvents() {
        return new LiveEvents(LIVE_EVENTS_KEPT);
    }

    @Bean(destroyMethod = "close")
    SpeedLayer speedLayer(Overview overview, LiveEvents live, DuckDb db, SegmentLoader recovered, MeterRegistry metrics) {
        long start = System.nanoTime();
        // first-seen persons before any live event (so "new users" stays exact); the window's events
        // are replayed behind the live ones, since the overview only adds
        OverviewRestore.restoreFirstSeen(db, overview);
        Instant since = Instant.now().minus(36, ChronoUnit.DAYS); // 35 local days, and a day of time-zone offsets
        Thread replay = new Thread(() -> {
            try {
                long replayed = OverviewRestore.replayWindow(db, overview, since);
                LOG.info("real-time overview rebuilt from {} stored events in {} ms", replayed, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.error("real-time overview could not replay stored events; it shows only events since the start", e);
            }
        }, "dataeye-overview-restore");
        replay.setDaemon(true);
        replay.start();
        SpeedLayer speed = new SpeedLayer(overview, live, MAX_QUEUED_EVENTS);
        metrics.gauge("dataeye.speed.layer.dropped.events", speed, SpeedLayer::dropped);
        return speed;
    }
}
