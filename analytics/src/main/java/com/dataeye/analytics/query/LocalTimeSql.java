package com.dataeye.analytics.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * SQL for an event's wall-clock time in the project's time zone (a naive TIMESTAMP to cut into hours,
 * days, weeks or months). DuckDB's {@code timezone(zone, ts)} asks ICU for every row (about half a
 * microsecond); when the zone keeps one offset over the whole span queried — Asia/Shanghai has since
 * 1991 — adding that offset to the epoch gives the same value about four times cheaper. Spans that
 * cross a transition (daylight saving) keep ICU.
 */
public final class LocalTimeSql {

    private LocalTimeSql() {}

    /** The expression for {@code column}'s local time; its parameters are appended to {@code args}. */
    public static String of(String column, ZoneId zone, Instant from, Instant to, List<Object> args) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition next = rules.nextTransition(from);
        if (rules.isFixedOffset() || next == null || !next.getInstant().isBefore(to)) {
            args.add(rules.getOffset(from).getTotalSeconds() * 1_000_000L);
            return "make_timestamp(epoch_us(" + column + ") + ?)";
        }
        args.add(zone.getId());
        return "timezone(?, " + column + ")";
    }
}
