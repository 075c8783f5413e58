package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.QueryExecutor;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Whether a stored count still holds: a segment's size as of a day can only change when an event of
 * that day or earlier arrives after it was counted (an import of history, a replay from quarantine,
 * a phone sending what it kept offline). Events arrive in time order of arrival, so the filter on
 * {@code received_at} skips all but the newest row groups.
 */
public final class LateEvents {

    private LateEvents() {}

    /** The earliest event time among the events of {@code projectId} received after {@code since}; empty if none. */
    public static Optional<Instant> earliestReceivedAfter(QueryExecutor executor, String projectId, Instant since) {
        Instant[] earliest = new Instant[1];
        executor.query("SELECT min(ts) FROM events WHERE project_id = ? AND received_at > ?",
                List.of(projectId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC)), rs -> {
                    OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                    earliest[0] = t == null ? null : t.toInstant();
                });
        return Optional.ofNullable(earliest[0]);
    }
}
