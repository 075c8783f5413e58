package com.dataeye.server.segments;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Saved segments and their daily sizes in the operational store (migration V3). */
@Repository
class SegmentRepository {

    /** kind: dynamic, static, or builtin (an operator's tuning of a built-in rule). */
    record Row(String projectId, String id, String name, String description, String kind, String definition,
               Instant createdAt, Instant updatedAt) {}

    record Size(LocalDate date, long persons) {}

    /** A segment's newest stored size: the day it is of, and when it was counted. */
    record Latest(LocalDate date, long persons, Instant computedAt) {}

    private final JdbcClient jdbc;

    SegmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "project_id, id, name, description, kind, definition, created_at, updated_at";

    List<Row> list(String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segments WHERE project_id = ? ORDER BY id").param(projectId)
                .query((rs, n) -> row(rs)).list();
    }

    Optional<Row> find(String projectId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segments WHERE project_id = ? AND id = ?").params(projectId, id)
                .query((rs, n) -> row(rs)).optional();
    }

    void insert(Row r) {
        jdbc.sql("INSERT INTO segments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.projectId(), r.id(), r.name(), r.description(), r.kind(), r.definition(),
                        Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()))
                .update();
    }

    void update(Row r) {
        jdbc.sql("UPDATE segments SET name = ?, description = ?, definition = ?, updated_at = ? WHERE project_id = ? AND id = ?")
                .params(r.name(), r.description(), r.definition(), Timestamp.from(r.updatedAt()), r.projectId(), r.id())
                .update();
    }

    boolean delete(String projectId, String id) {
        jdbc.sql("DELETE FROM segment_sizes WHERE project_id = ? AND segment_id = ?").params(projectId, id).update();
        return jdbc.sql("DELETE FROM segments WHERE project_id = ? AND id = ?").params(projectId, id).update() > 0;
    }

    /** Records a day's size, replacing an earlier computation of the same day (portable: delete, then insert). */
    void saveSize(String projectId, String id, LocalDate date, long persons) {
        jdbc.sql("DELETE FROM segment_sizes WHERE project_id = ? AND segment_id = ? AND snapshot_date = ?")
                .params(projectId, id, Date.valueOf(date)).update();
        jdbc.sql("INSERT INTO segment_sizes (project_id, segment_id, snapshot_date, persons, computed_at) VALUES (?, ?, ?, ?, ?)")
                .params(projectId, id, Date.valueOf(date), persons, Timestamp.from(Instant.now())).update();
    }

    List<Size> sizes(String projectId, String id, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT snapshot_date, persons FROM segment_sizes WHERE project_id = ? AND segment_id = ?"
                        + " AND snapshot_date >= ? AND snapshot_date <= ? ORDER BY snapshot_date")
                .params(projectId, id, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new Size(rs.getDate(1).toLocalDate(), rs.getLong(2))).list();
    }

    /** Each segment's newest stored size, by segment id. */
    Map<String, Latest> latestSizes(String projectId) {
        Map<String, Latest> out = new HashMap<>();
        jdbc.sql("SELECT s.segment_id, s.snapshot_date, s.persons, s.computed_at FROM segment_sizes s WHERE s.project_id = ?"
                        + " AND s.snapshot_date = (SELECT max(m.snapshot_date) FROM segment_sizes m"
                        + " WHERE m.project_id = s.project_id AND m.segment_id = s.segment_id)")
                .param(projectId)
                .query(rs -> {
                    out.put(rs.getString(1), new Latest(rs.getDate(2).toLocalDate(), rs.getLong(3), rs.getTimestamp(4).toInstant()));
                });
        return out;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }
}
