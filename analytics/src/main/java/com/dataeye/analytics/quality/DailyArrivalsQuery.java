package com.dataeye.analytics.quality;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.quality.VolumeAlerts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored and quarantined arrivals per event and day (project time zone), the input of the volume alerts. */
public record DailyArrivalsQuery(String projectId, LocalDate from, LocalDate to, ZoneId zone) {

    public Map<String, List<VolumeAlerts.Day>> run(QueryExecutor db) {
        OffsetDateTime start = from.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, List<VolumeAlerts.Day>> byEvent = new LinkedHashMap<>();
        db.query("WITH " + ArrivalsSql.ARRIVALS + " SELECT event, CAST(timezone(?, ts) AS DATE) AS d, count(*) FILTER (WHERE NOT q), "
                + "count(*) FILTER (WHERE q) FROM arrivals GROUP BY event, d ORDER BY event, d",
                List.of(projectId, start, end, projectId, start, end, zone.getId()), rs -> byEvent
                        .computeIfAbsent(rs.getString(1), e -> new ArrayList<>())
                        .add(new VolumeAlerts.Day(rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4))));
        return byEvent;
    }
}
