package com.dataeye.analytics.browse;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The newest events of a project, optionally of one event name and/or one person (after identity
 * merge): the developer's "what just arrived" view. Values are bound, never spliced into SQL.
 */
public record RecentEventsQuery(String projectId, String event, String personId, int limit) {

    public static final int MAX_LIMIT = 1000;

    public RecentEventsQuery {
        limit = Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    public List<Map<String, Object>> run(DuckDb db, JsonMapper json) {
        StringBuilder where = new StringBuilder("project_id = ?");
        List<Object> filterArgs = new ArrayList<>(List.of(projectId));
        if (event != null) {
            where.append(" AND event = ?");
            filterArgs.add(event);
        }
        if (personId != null) {
            where.append(" AND person_id = ?");
            filterArgs.add(personId);
        }
        // Two steps, because a top-N of whole rows reads every column of every row (7 s at 10M events):
        // first the arrival time of the N-th newest event from one column, then whole rows only from
        // there on. Arrival order is storage order, so the row groups' min/max skip nearly everything.
        // Ties at the edge are kept by ">=", so the answer is the same as the one-step query's. The URL
        // numbers are the store's own index (EventUrls), not part of an event.
        String sql = "WITH edge AS (SELECT received_at FROM resolved_events WHERE " + where
                + " ORDER BY received_at DESC LIMIT 1 OFFSET ?) SELECT * EXCLUDE (url_id, page_id, selector_id) FROM resolved_events WHERE " + where
                + " AND received_at >= coalesce((SELECT received_at FROM edge), '-infinity'::TIMESTAMPTZ)"
                + " ORDER BY received_at DESC, ts DESC LIMIT ?";
        List<Object> args = new ArrayList<>(filterArgs);
        args.add(limit - 1);
        args.addAll(filterArgs);
        args.add(limit);
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.read(rs, json);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recent events query failed: " + e.getMessage(), e);
        }
    }
}
