package com.dataeye.server.virtualevents;

import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every saved version of every virtual event (migration V6); the newest version of a name is current. */
@Repository
public class VirtualEventRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "name, version, definition, archived, saved_at, saved_by";

    private final JdbcClient jdbc;

    public VirtualEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest version of each name, archived ones included, by name. */
    public List<VirtualEvent> current(String projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM virtual_event_versions v WHERE project_id = ? AND version = "
                        + "(SELECT max(version) FROM virtual_event_versions w WHERE w.project_id = v.project_id AND w.name = v.name) ORDER BY name")
                .param(projectId).query((rs, n) -> row(rs)).list();
    }

    public Optional<VirtualEvent> latest(String projectId, String name) {
        return versions(projectId, name).stream().findFirst();
    }

    /** Every version of a name, newest first. */
    public List<VirtualEvent> versions(String projectId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM virtual_event_versions WHERE project_id = ? AND name = ? ORDER BY version DESC")
                .params(projectId, name).query((rs, n) -> row(rs)).list();
    }

    /** Appends a version; the primary key refuses a second writer of the same version number. */
    public void insert(String projectId, VirtualEvent v) {
        jdbc.sql("INSERT INTO virtual_event_versions (project_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(projectId, v.name(), v.version(), JSON.writeValueAsString(v.definition().toMap()), v.archived(),
                        Timestamp.from(v.savedAt()), v.savedBy())
                .update();
    }

    private static VirtualEvent row(ResultSet rs) throws SQLException {
        Map<?, ?> tree = JSON.readValue(rs.getString(3), Map.class);
        VirtualEventDefinition d = VirtualEventDefinition.parse(tree, Set.of());
        return new VirtualEvent(d, rs.getInt(2), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBoolean(4));
    }
}
