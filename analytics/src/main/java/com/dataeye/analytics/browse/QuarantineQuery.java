package com.dataeye.analytics.browse;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The newest quarantined events of a project, optionally of one rejection code. */
public record QuarantineQuery(String projectId, String code, int limit) {

    public QuarantineQuery {
        limit = Math.max(1, Math.min(limit, RecentEventsQuery.MAX_LIMIT));
    }

    public List<Map<String, Object>> run(DuckDb db, JsonMapper json) {
        String sql = "SELECT received_at, event_id, code, field, message, raw FROM quarantine "
                + "WHERE project_id = ? AND (? IS NULL OR code = ?) ORDER BY received_at DESC LIMIT ?";
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, projectId);
            ps.setString(2, code);
            ps.setString(3, code);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.read(rs, json);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quarantine query failed: " + e.getMessage(), e);
        }
    }
}
