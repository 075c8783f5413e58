package com.dataeye.server.project;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Projects in the operational store (H2 file by default, PostgreSQL or MariaDB in production). */
@Repository
public class ProjectRepository {

    private final JdbcClient jdbc;

    public ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Project> find(String id) {
        return jdbc.sql("SELECT id, name, time_zone, pii_mode, pii_key FROM projects WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Project(rs.getString(1), rs.getString(2), ZoneId.of(rs.getString(3)),
                        PiiMode.valueOf(rs.getString(4)), HexFormat.of().parseHex(rs.getString(5))))
                .optional();
    }

    public List<String> ids() {
        return jdbc.sql("SELECT id FROM projects ORDER BY id").query(String.class).list();
    }

    public void insert(Project p) {
        jdbc.sql("INSERT INTO projects (id, name, time_zone, pii_mode, pii_key, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.name(), p.timeZone().getId(), p.piiMode().name(), HexFormat.of().formatHex(p.piiKey()),
                        Timestamp.from(Instant.now()))
                .update();
    }
}
