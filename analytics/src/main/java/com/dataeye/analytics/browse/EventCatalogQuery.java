package com.dataeye.analytics.browse;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a project's events look like, for the dashboard's event and property pickers: the event names
 * seen since a moment (most frequent first), and the properties one event carries — the table's
 * columns that are filled, and the keys of its JSON properties, from a sample of recent rows.
 */
public record EventCatalogQuery(String projectId) {

    public record EventName(String event, long events) {}

    /** Columns a picker offers, by their public names (docs/api/analytics.md). */
    private static final List<String> COLUMNS = List.of("channel", "utm_source", "utm_medium", "utm_campaign", "utm_content",
            "utm_term", "url", "path", "title", "referrer", "os", "browser", "device_type", "screen", "lib",
            "element_selector", "element_text", "order_id", "product_id", "amount");

    /** Rows sampled for property names: enough to see every key of a consistently tracked event. */
    private static final int SAMPLE = 5000;

    public List<EventName> events(DuckDb db, Instant since, int limit) {
        String sql = """
                SELECT event, count(*) FROM events WHERE project_id = ? AND ts >= ?
                GROUP BY event ORDER BY 2 DESC, 1 LIMIT ?""";
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, projectId);
            ps.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            ps.setInt(3, limit);
            List<EventName> names = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(new EventName(rs.getString(1), rs.getLong(2)));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("event catalog query failed: " + e.getMessage(), e);
        }
    }

    /** Property names of one event (or of all events when {@code event} is null), sorted; columns first. */
    public List<String> properties(DuckDb db, String event) {
        StringBuilder filled = new StringBuilder();
        for (String column : COLUMNS) {
            filled.append(filled.isEmpty() ? "" : ", ").append("count(").append(column).append(")");
        }
        String sample = "SELECT * FROM events WHERE project_id = ?" + (event == null ? "" : " AND event = ?") + " LIMIT " + SAMPLE;
        List<String> names = new ArrayList<>();
        try (DuckDBConnection c = db.connect()) {
            try (PreparedStatement ps = c.prepareStatement("WITH s AS (" + sample + ") SELECT " + filled + " FROM s")) {
                bind(ps, event);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        for (int i = 0; i < COLUMNS.size(); i++) {
                            if (rs.getLong(i + 1) > 0) {
                                names.add(COLUMNS.get(i));
                            }
                        }
                    }
                }
            }
            TreeSet<String> keys = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("WITH s AS (" + sample
                    + ") SELECT DISTINCT unnest(json_keys(properties)) FROM s WHERE properties IS NOT NULL")) {
                bind(ps, event);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
            }
            keys.removeAll(names);
            names.addAll(keys);
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("property catalog query failed: " + e.getMessage(), e);
        }
    }

    private void bind(PreparedStatement ps, String event) throws SQLException {
        ps.setString(1, projectId);
        if (event != null) {
            ps.setString(2, event);
        }
    }
}
