package com.dataeye.analytics.quality;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.plan.ObservedEvent;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every event name and property that arrived in a period, stored or quarantined: volume, first and
 * last seen, the types each property came as, and its most frequent values. The input of tracking
 * plan discovery and diff ({@link com.dataeye.core.plan.PlanDiff}).
 */
public record ObservedEventsQuery(String projectId, Instant from, Instant to) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAMPLES = 5;

    public List<ObservedEvent> run(QueryExecutor db) {
        List<Object> args = List.of(projectId, utc(from), utc(to), projectId, utc(from), utc(to));
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Instant[]> seen = new LinkedHashMap<>();
        db.query("WITH " + ArrivalsSql.ARRIVALS + " SELECT event, count(*) FILTER (WHERE NOT q), count(*) FILTER (WHERE q), "
                + "min(ts), max(ts) FROM arrivals GROUP BY event ORDER BY count(*) DESC", args, rs -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    seen.put(rs.getString(1), new Instant[] {instant(rs.getObject(4, OffsetDateTime.class)),
                            instant(rs.getObject(5, OffsetDateTime.class))});
                });
        Map<String, Map<String, ObservedEvent.ObservedProperty>> props = new LinkedHashMap<>();
        db.query("WITH " + ArrivalsSql.ARRIVALS + ", " + ArrivalsSql.PROPS
                + " SELECT event, k, count(*), to_json(histogram(t))::VARCHAR, to_json(approx_top_k(v, " + SAMPLES + "))::VARCHAR, "
                + "min(ts), max(ts) FROM props WHERE t <> 'null' GROUP BY event, k ORDER BY event, count(*) DESC", args, rs -> {
                    Map<String, Long> types = JSON.readValue(rs.getString(4), new TypeReference<Map<String, Long>>() {});
                    List<String> samples = new ArrayList<>();
                    for (Object s : JSON.readValue(rs.getString(5), List.class)) {
                        if (s != null) {
                            samples.add(s.toString());
                        }
                    }
                    props.computeIfAbsent(rs.getString(1), e -> new LinkedHashMap<>()).put(rs.getString(2),
                            new ObservedEvent.ObservedProperty(rs.getString(2), rs.getLong(3), types, samples,
                                    instant(rs.getObject(6, OffsetDateTime.class)), instant(rs.getObject(7, OffsetDateTime.class))));
                });
        List<ObservedEvent> result = new ArrayList<>();
        counts.forEach((name, c) -> result.add(new ObservedEvent(name, c[0], c[1], seen.get(name)[0], seen.get(name)[1],
                props.getOrDefault(name, Map.of()))));
        return result;
    }

    static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
