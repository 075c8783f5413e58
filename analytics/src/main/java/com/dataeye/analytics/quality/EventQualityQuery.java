package com.dataeye.analytics.quality;

import com.dataeye.analytics.query.QueryExecutor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of one event over a period: volume per day (stored and quarantined), why it was
 * quarantined, how often each property is filled, which types each property came as (type drift),
 * and the newest SDK/library versions sending it.
 */
public record EventQualityQuery(String projectId, String event, LocalDate from, LocalDate to, ZoneId zone) {

    public record Day(LocalDate day, long stored, long quarantined) {}

    public record Reason(String code, String field, long events) {}

    public record TypeSeen(String type, long events, Instant firstSeen, Instant lastSeen) {}

    public record PropertyHealth(String name, long events, double fillRate, List<TypeSeen> types, boolean drift) {}

    public record Lib(String lib, String libVersion, long events, Instant lastSeen) {}

    public record Result(long stored, long quarantined, double quarantinedShare, List<Day> days, List<Reason> reasons,
                         List<PropertyHealth> properties, List<Lib> libs) {}

    public Result run(QueryExecutor db) {
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        List<Object> arrivals = new ArrayList<>(List.of(projectId, start, end, projectId, start, end));
        List<Day> days = new ArrayList<>();
        List<Object> dayArgs = new ArrayList<>(arrivals);
        dayArgs.add(zone.getId());
        dayArgs.add(event);
        long[] totals = new long[2];
        db.query("WITH " + ArrivalsSql.ARRIVALS + " SELECT CAST(timezone(?, ts) AS DATE) AS d, count(*) FILTER (WHERE NOT q), "
                + "count(*) FILTER (WHERE q) FROM arrivals WHERE event = ? GROUP BY d ORDER BY d", dayArgs, rs -> {
                    days.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
                    totals[0] += rs.getLong(2);
                    totals[1] += rs.getLong(3);
                });
        List<Reason> reasons = new ArrayList<>();
        db.query("""
                SELECT code, field, count(*) FROM quarantine qu
                WHERE project_id = ? AND received_at >= ? AND received_at < ? AND json_valid(raw)
                  AND json_extract_string(raw, '$.event') = ?
                  AND NOT EXISTS (SELECT 1 FROM quarantine_replayed r WHERE r.project_id = qu.project_id
                                  AND r.received_at = qu.received_at AND r.raw_hash = md5(qu.raw))
                GROUP BY code, field ORDER BY count(*) DESC, code, field""",
                List.of(projectId, start, end, event), rs -> reasons.add(new Reason(rs.getString(1), rs.getString(2), rs.getLong(3))));
        Map<String, List<TypeSeen>> types = new LinkedHashMap<>();
        Map<String, Long> filled = new LinkedHashMap<>();
        List<Object> propArgs = new ArrayList<>(arrivals);
        propArgs.add(event);
        db.query("WITH " + ArrivalsSql.ARRIVALS + ", " + ArrivalsSql.PROPS
                + " SELECT k, t, count(*), min(ts), max(ts), count(*) FILTER (WHERE NOT q) FROM props WHERE event = ? AND t <> 'null' "
                + "GROUP BY k, t ORDER BY k, count(*) DESC", propArgs, rs -> {
                    types.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new TypeSeen(rs.getString(2), rs.getLong(3),
                            ObservedEventsQuery.instant(rs.getObject(4, OffsetDateTime.class)),
                            ObservedEventsQuery.instant(rs.getObject(5, OffsetDateTime.class))));
                    filled.merge(rs.getString(1), rs.getLong(6), Long::sum);
                });
        List<PropertyHealth> properties = new ArrayList<>();
        types.forEach((k, ts) -> properties.add(new PropertyHealth(k, filled.get(k),
                totals[0] == 0 ? 0 : (double) filled.get(k) / totals[0], ts, ts.size() > 1)));
        List<Lib> libs = new ArrayList<>();
        db.query("""
                SELECT coalesce(lib, ''), coalesce(lib_version, ''), count(*), max(ts) FROM events
                WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?
                GROUP BY 1, 2 ORDER BY max(ts) DESC, count(*) DESC LIMIT 10""",
                List.of(projectId, event, start, end), rs -> libs.add(new Lib(rs.getString(1), rs.getString(2), rs.getLong(3),
                        ObservedEventsQuery.instant(rs.getObject(4, OffsetDateTime.class)))));
        long all = totals[0] + totals[1];
        return new Result(totals[0], totals[1], all == 0 ? 0 : (double) totals[1] / all, days, reasons, properties, libs);
    }
}
