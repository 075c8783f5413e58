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
        StringBuilder sql = new StringBuilder("SELECT * FROM resolved_events WHERE project_id = ?");
        List<Object> args = new ArrayList<>(List.of(projectId));
        if (event != null) {
            sql.append(" AND event = ?");
            args.add(event);
        }
        if (personId != null) {
            sql.append(" AND person_id = ?");
            args.add(personId);
        }
        sql.append(" ORDER BY received_at DESC, ts DESC LIMIT ?");
        args.add(limit);
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
