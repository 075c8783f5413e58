package com.dataeye.analytics.virtualevents;

import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a (saved or draft) virtual event matches before anyone relies on it: events per day over the
 * last N days of the project's calendar, and the latest matching events with the fields the rules test.
 */
public final class VirtualEventPreview {

    public record Day(LocalDate date, long events, long persons) {}

    public record Sample(Instant ts, String event, String personId, String url, String title, String elementSelector,
                         String elementText, String elementPath) {}

    public record Result(String name, int days, long events, long persons, List<Day> daily, List<Sample> samples) {}

    private final QueryExecutor executor;

    public VirtualEventPreview(QueryExecutor executor) {
        this.executor = executor;
    }

    public Result run(String projectId, ZoneId zone, VirtualEventDefinition d, LocalDate today, int days, int samples) {
        EventRef ref = new EventRef(d.name(), new VirtualEvent(d, 0, Instant.EPOCH, "preview", false));
        LocalDate from = today.minusDays(days - 1L);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        List<Object> args = new ArrayList<>();
        args.add(zone.getId());
        args.add(projectId);
        String where = " FROM resolved_events WHERE project_id = ? AND " + ref.sql(args) + " AND ts >= ? AND ts < ?";
        args.add(java.time.OffsetDateTime.ofInstant(start, zone));
        args.add(java.time.OffsetDateTime.ofInstant(end, zone));
        Map<LocalDate, Day> byDay = new LinkedHashMap<>();
        long[] total = new long[2];
        executor.query("SELECT CAST(timezone(?, ts) AS DATE) AS d, count(*), count(DISTINCT person_id)" + where
                + " GROUP BY GROUPING SETS ((d), ()) ORDER BY d NULLS FIRST", args, rs -> {
            java.sql.Date date = rs.getDate(1);
            if (date == null) {
                total[0] = rs.getLong(2);
                total[1] = rs.getLong(3);
            } else {
                LocalDate day = date.toLocalDate();
                byDay.put(day, new Day(day, rs.getLong(2), rs.getLong(3)));
            }
        });
        List<Day> daily = from.datesUntil(today.plusDays(1)).map(day -> byDay.getOrDefault(day, new Day(day, 0, 0))).toList();
        List<Object> sampleArgs = new ArrayList<>(args.subList(1, args.size()));
        sampleArgs.add(samples);
        List<Sample> out = new ArrayList<>();
        executor.query("SELECT ts, event, person_id, url, title, element_selector, element_text, element_path" + where
                + " ORDER BY ts DESC, event_id LIMIT ?", sampleArgs, rs -> out.add(new Sample(
                rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))));
        return new Result(d.name(), days, total[0], total[1], daily, out);
    }
}
