package com.dataeye.server.project;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Write and secret keys of projects. */
@Repository
public class ApiKeyRepository {

    public enum Kind { WRITE, SECRET }

    public record KeyRow(String keyId, String projectId, Kind kind, String secretHash) {}

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<KeyRow> findActive(String keyId) {
        return jdbc.sql("SELECT key_id, project_id, kind, secret_hash FROM api_keys WHERE key_id = ? AND revoked_at IS NULL")
                .param(keyId)
                .query((rs, n) -> new KeyRow(rs.getString(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .optional();
    }

    public List<KeyRow> activeKeys(String projectId, Kind kind) {
        return jdbc.sql("SELECT key_id, project_id, kind, secret_hash FROM api_keys "
                        + "WHERE project_id = ? AND kind = ? AND revoked_at IS NULL ORDER BY created_at")
                .params(projectId, kind.name())
                .query((rs, n) -> new KeyRow(rs.getString(1), rs.getString(2), Kind.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .list();
    }

    public void insert(String keyId, String projectId, Kind kind, String secretHash) {
        jdbc.sql("INSERT INTO api_keys (key_id, project_id, kind, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(keyId, projectId, kind.name(), secretHash, Timestamp.from(Instant.now()))
                .update();
    }
}
