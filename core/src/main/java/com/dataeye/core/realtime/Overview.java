package com.dataeye.core.realtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The real-time overview of every project (PRODUCT.md O1), kept by folding accepted events in as
 * they become durable. Plain Java with no engine behind it, so an embedded server and a streaming
 * job fold events the same way. Events are bucketed by their own (corrected) time in the project's
 * time zone, so a late event lands in the minute it happened.
 */
public final class Overview {

    /** The longest per-minute series a snapshot returns. */
    public static final int MAX_HOURS = 48;

    private final Clock clock;
    private final Function<String, ZoneId> zoneOf;
    private final Map<String, ProjectOverview> projects = new ConcurrentHashMap<>();

    public Overview(Clock clock, Function<String, ZoneId> zoneOf) {
        this.clock = clock;
        this.zoneOf = zoneOf;
    }

    public void accept(String projectId, CountedEvent event) {
        project(projectId).accept(event, clock.instant());
    }

    /** Rebuilding after a restart: a person's first event ever, before the window's events are replayed. */
    public void restoreFirstSeen(String projectId, String personId, Instant firstSeen) {
        project(projectId).restoreFirstSeen(personId, firstSeen, clock.instant());
    }

    /** Grows with every event folded in; a stream sends a snapshot only when it changed. */
    public long version(String projectId) {
        ProjectOverview p = projects.get(projectId);
        return p == null ? 0 : p.version();
    }

    public OverviewSnapshot snapshot(String projectId, int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("hours is 1–" + MAX_HOURS);
        }
        return project(projectId).snapshot(clock.instant(), hours);
    }

    /** How far back a restart must replay stored events: the oldest day the overview keeps. */
    public Instant windowStart(String projectId) {
        ZoneId zone = zoneOf.apply(projectId);
        return clock.instant().atZone(zone).toLocalDate().minusDays(ProjectOverview.DAYS_KEPT - 1).atStartOfDay(zone).toInstant();
    }

    private ProjectOverview project(String projectId) {
        return projects.computeIfAbsent(projectId, id -> new ProjectOverview(id, zoneOf.apply(id)));
    }
}
