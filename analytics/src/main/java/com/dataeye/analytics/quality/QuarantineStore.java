package com.dataeye.analytics.quality;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The quarantine as replay sees it: rows not yet replayed, and the record that a row was replayed
 * (table {@code quarantine_replayed}, keyed by project, receipt time and a hash of the raw text), so
 * replaying twice replays nothing the second time.
 */
public final class QuarantineStore {

    /** One quarantined event waiting for replay. */
    public record Row(Instant receivedAt, String eventId, String code, String field, String raw) {}

    private final DuckDb db;

    public QuarantineStore(DuckDb db) {
        this.db = db;
    }

    /**
     * Quarantined events not yet replayed, oldest first, optionally of one rejection code and/or event
     * name, received in [from, to).
     */
    public List<Row> pending(String projectId, String code, String event, Instant from, Instant to, int limit) {
        String sql = """
                SELECT received_at, event_id, code, field, raw FROM quarantine qu
                WHERE project_id = ? AND (? IS NULL OR code = ?) AND received_at >= ? AND received_at < ?
                  AND (? IS NULL OR (json_valid(raw) AND json_extract_string(raw, '$.event') = ?))
                  AND NOT EXISTS (SELECT 1 FROM quarantine_replayed r WHERE r.project_id = qu.project_id
                                  AND r.received_at = qu.received_at AND r.raw_hash = md5(qu.raw))
                ORDER BY received_at LIMIT ?""";
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, projectId);
            ps.setString(2, code);
            ps.setString(3, code);
            ps.setObject(4, ObservedEventsQuery.utc(from));
            ps.setObject(5, ObservedEventsQuery.utc(to));
            ps.setString(6, event);
            ps.setString(7, event);
            ps.setInt(8, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("quarantine query failed: " + e.getMessage(), e);
        }
    }

    /** Records rows as replayed; a row recorded before is left as it is. */
    public void markReplayed(String projectId, Collection<Row> rows, Instant at) {
        String sql = """
                INSERT INTO quarantine_replayed SELECT ?, ?, md5(?), ?
                WHERE NOT EXISTS (SELECT 1 FROM quarantine_replayed WHERE project_id = ? AND received_at = ? AND raw_hash = md5(?))""";
        try (DuckDBConnection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (Row r : rows) {
                OffsetDateTime received = ObservedEventsQuery.utc(r.receivedAt());
                ps.setString(1, projectId);
                ps.setObject(2, received);
                ps.setString(3, r.raw());
                ps.setObject(4, ObservedEventsQuery.utc(at));
                ps.setString(5, projectId);
                ps.setObject(6, received);
                ps.setString(7, r.raw());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the replay: " + e.getMessage(), e);
        }
    }

    /** Which of these event ids the store already holds (replays beyond the dedup window must not store twice). */
    public Set<String> storedEventIds(String projectId, Collection<String> ids) {
        Set<String> found = new HashSet<>();
        if (ids.isEmpty()) {
            return found;
        }
        try (DuckDBConnection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT event_id FROM events WHERE project_id = ? AND list_contains(?, event_id)")) {
            ps.setString(1, projectId);
            ps.setArray(2, c.createArrayOf("VARCHAR", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("event id lookup failed: " + e.getMessage(), e);
        }
    }
}
