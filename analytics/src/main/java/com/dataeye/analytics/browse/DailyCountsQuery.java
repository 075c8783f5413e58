package com.dataeye.analytics.browse;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Events and distinct persons per day for one event name, days cut in the project's time zone
 * (Asia/Shanghai by default), persons counted after identity merge. {@code to} is inclusive.
 */
public record DailyCountsQuery(String projectId, String event, LocalDate from, LocalDate to, ZoneId zone) {

    public record Day(LocalDate day, long events, long persons) {}

    public List<Day> run(DuckDb db) {
        String sql = """
                SELECT CAST(timezone(?, ts) AS DATE) AS day, count(*) AS events, count(DISTINCT person_id) AS persons
                FROM resolved_events
                WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?
                GROUP BY day ORDER BY day""";
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone.getId());
            ps.setString(2, projectId);
            ps.setString(3, event);
            ps.setObject(4, from.atStartOfDay(zone).toOffsetDateTime());
            ps.setObject(5, to.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
            List<Day> days = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
                }
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException("daily counts query failed: " + e.getMessage(), e);
        }
    }
}
