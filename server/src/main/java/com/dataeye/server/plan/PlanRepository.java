package com.dataeye.server.plan;

import com.dataeye.core.autocapture.AutocaptureKind;
import com.dataeye.core.autocapture.AutocaptureSettings;
import com.dataeye.core.plan.EventSpec;
import com.dataeye.core.plan.PlanStatus;
import com.dataeye.core.plan.PropertySpec;
import com.dataeye.core.plan.PropertyType;
import com.dataeye.core.plan.TrackingPlan;
import com.dataeye.core.plan.UnknownPolicy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tracking plans and governance settings in the operational store (Flyway V5). */
@Repository
public class PlanRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    public PlanRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Governance governance(String projectId) {
        return jdbc.sql("""
                        SELECT unknown_events, unknown_properties, autocapture_kinds, allow_urls, deny_urls, sample_rate,
                               autocapture_retention_days, version FROM project_governance WHERE project_id = ?""")
                .param(projectId)
                .query((rs, n) -> {
                    Set<AutocaptureKind> kinds = EnumSet.noneOf(AutocaptureKind.class);
                    for (String k : rs.getString(3).split(",")) {
                        AutocaptureKind.fromWire(k.trim()).ifPresent(kinds::add);
                    }
                    int days = rs.getInt(7);
                    Integer retention = rs.wasNull() ? null : days;
                    return new Governance(UnknownPolicy.valueOf(rs.getString(1)), UnknownPolicy.valueOf(rs.getString(2)),
                            new AutocaptureSettings(kinds, list(rs.getString(4)), list(rs.getString(5)), rs.getDouble(6), retention),
                            rs.getLong(8));
                })
                .optional().orElse(Governance.DEFAULTS);
    }

    /** Writes the settings and bumps the version (so every instance's cached plan refreshes). */
    public void saveGovernance(String projectId, Governance g) {
        long next = governance(projectId).version() + 1;
        String kinds = String.join(",", g.autocapture().enabled().stream().map(AutocaptureKind::wire).sorted().toList());
        Object[] values = {g.unknownEvents().name(), g.unknownProperties().name(), kinds,
                JSON.writeValueAsString(g.autocapture().allowUrls()), JSON.writeValueAsString(g.autocapture().denyUrls()),
                g.autocapture().sampleRate(), g.autocapture().retentionDays(), next, Timestamp.from(Instant.now()), projectId};
        int updated = jdbc.sql("""
                UPDATE project_governance SET unknown_events = ?, unknown_properties = ?, autocapture_kinds = ?, allow_urls = ?,
                  deny_urls = ?, sample_rate = ?, autocapture_retention_days = ?, version = ?, updated_at = ? WHERE project_id = ?""")
                .params(values).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO project_governance (unknown_events, unknown_properties, autocapture_kinds, allow_urls, deny_urls,
                      sample_rate, autocapture_retention_days, version, updated_at, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(values).update();
        }
    }

    public List<EventSpec> events(String projectId) {
        Map<String, List<PropertySpec>> props = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT event_name, name, display_zh, display_en, prop_type, is_required, allowed_values, min_value, max_value,
                               description FROM plan_properties WHERE project_id = ? ORDER BY event_name, seq""")
                .param(projectId)
                .query(rs -> {
                    double min = rs.getDouble(8);
                    Double minV = rs.wasNull() ? null : min;
                    double max = rs.getDouble(9);
                    Double maxV = rs.wasNull() ? null : max;
                    props.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PropertySpec(rs.getString(2),
                            rs.getString(3), rs.getString(4), PropertyType.valueOf(rs.getString(5)), rs.getBoolean(6),
                            list(rs.getString(7)), minV, maxV, rs.getString(10)));
                });
        return jdbc.sql("SELECT name, display_zh, display_en, description, owner, status FROM plan_events WHERE project_id = ? ORDER BY seq, name")
                .param(projectId)
                .query((rs, n) -> new EventSpec(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        PlanStatus.valueOf(rs.getString(6)), props.getOrDefault(rs.getString(1), List.of())))
                .list();
    }

    public TrackingPlan plan(String projectId) {
        Governance g = governance(projectId);
        return new TrackingPlan(g.unknownEvents(), g.unknownProperties(), events(projectId));
    }

    /** Inserts or replaces one event with its properties, keeping its place in the plan. */
    public void putEvent(String projectId, EventSpec e) {
        Integer seq = jdbc.sql("SELECT seq FROM plan_events WHERE project_id = ? AND name = ?").params(projectId, e.name())
                .query(Integer.class).optional().orElse(null);
        if (seq == null) {
            seq = jdbc.sql("SELECT coalesce(max(seq), 0) + 1 FROM plan_events WHERE project_id = ?").param(projectId)
                    .query(Integer.class).single();
        }
        deleteEvent(projectId, e.name());
        jdbc.sql("""
                INSERT INTO plan_events (project_id, name, display_zh, display_en, description, owner, status, seq, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(projectId, e.name(), e.displayZh(), e.displayEn(), e.description(), e.owner(), e.status().name(), seq,
                        Timestamp.from(Instant.now()))
                .update();
        int i = 0;
        for (PropertySpec p : e.properties()) {
            jdbc.sql("""
                    INSERT INTO plan_properties (project_id, event_name, name, display_zh, display_en, prop_type, is_required,
                      allowed_values, min_value, max_value, description, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(projectId, e.name(), p.name(), p.displayZh(), p.displayEn(), p.type().name(), p.required(),
                            p.allowedValues().isEmpty() ? null : JSON.writeValueAsString(p.allowedValues()), p.min(), p.max(),
                            p.description(), i++)
                    .update();
        }
    }

    public boolean deleteEvent(String projectId, String name) {
        jdbc.sql("DELETE FROM plan_properties WHERE project_id = ? AND event_name = ?").params(projectId, name).update();
        return jdbc.sql("DELETE FROM plan_events WHERE project_id = ? AND name = ?").params(projectId, name).update() > 0;
    }

    public void deleteAllEvents(String projectId) {
        jdbc.sql("DELETE FROM plan_properties WHERE project_id = ?").param(projectId).update();
        jdbc.sql("DELETE FROM plan_events WHERE project_id = ?").param(projectId).update();
    }

    private static List<String> list(String json) {
        return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() {});
    }
}
