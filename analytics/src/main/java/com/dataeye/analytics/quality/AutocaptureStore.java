package com.dataeye.analytics.quality;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Autocaptured events in the store: what they cost per day (events and an estimate of stored bytes:
 * the text of every column) next to explicit events, and the deletion of those past their retention.
 */
public final class AutocaptureStore {

    private static final String ROW_BYTES = "(strlen(coalesce(properties, '')) + strlen(event) + strlen(event_id) "
            + "+ strlen(person_id) + strlen(distinct_id) + strlen(coalesce(anonymous_id, '')) "
            + "+ strlen(coalesce(login_id, '')) + strlen(coalesce(url, '')) + strlen(coalesce(path, '')) "
            + "+ strlen(coalesce(title, '')) + strlen(coalesce(referrer, '')) + strlen(coalesce(element_selector, '')) "
            + "+ strlen(coalesce(element_path, '')) + strlen(coalesce(element_text, '')) + strlen(coalesce(os, '')) "
            + "+ strlen(coalesce(browser, '')) + strlen(coalesce(device_type, '')) + strlen(coalesce(channel, '')) "
            + "+ strlen(coalesce(lib, '')) + strlen(coalesce(lib_version, '')) + 16)";

    public record Day(LocalDate day, long autocaptureEvents, long autocaptureBytes, long explicitEvents, long explicitBytes) {}

    private final DuckDb db;

    public AutocaptureStore(DuckDb db) {
        this.db = db;
    }

    public List<Day> storage(QueryExecutor executor, String projectId, Collection<String> autocaptureNames, LocalDate from,
                             LocalDate to, ZoneId zone) {
        List<Day> days = new ArrayList<>();
        // the names are the fixed preset names of AutocaptureKind, checked below, never a user's string
        String in = "event IN (" + String.join(", ", autocaptureNames.stream().map(AutocaptureStore::literal).toList()) + ")";
        String sql = "SELECT CAST(timezone(?, ts) AS DATE) AS d, "
                + "count(*) FILTER (WHERE " + in + "), coalesce(sum(" + ROW_BYTES + ") FILTER (WHERE " + in + "), 0), "
                + "count(*) FILTER (WHERE NOT " + in + "), coalesce(sum(" + ROW_BYTES + ") FILTER (WHERE NOT " + in + "), 0) "
                + "FROM events WHERE project_id = ? AND ts >= ? AND ts < ? GROUP BY d ORDER BY d";
        executor.query(sql, List.of(zone.getId(), projectId,
                from.atStartOfDay(zone).toOffsetDateTime(), to.plusDays(1).atStartOfDay(zone).toOffsetDateTime()),
                rs -> days.add(new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))));
        return days;
    }

    private static String literal(String name) {
        if (!name.matches("\\$[A-Za-z_]+")) {
            throw new IllegalArgumentException("not an autocapture event name: " + name);
        }
        return "'" + name + "'";
    }

    /** Deletes the project's autocaptured events that happened before {@code cutoff}; explicit events are never touched. */
    public long deleteBefore(String projectId, Collection<String> autocaptureNames, Instant cutoff) {
        try (DuckDBConnection c = db.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM events WHERE project_id = ? AND list_contains(?, event) AND ts < ?")) {
            ps.setString(1, projectId);
            ps.setArray(2, c.createArrayOf("VARCHAR", autocaptureNames.toArray()));
            ps.setObject(3, ObservedEventsQuery.utc(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("autocapture retention failed: " + e.getMessage(), e);
        }
    }
}
