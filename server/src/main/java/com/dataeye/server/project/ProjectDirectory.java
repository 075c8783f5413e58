package com.dataeye.server.project;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Finds the project behind a key on every request, so it caches: the operational database is
 * asked at most once a minute per key, and unknown keys are remembered briefly too, so a client
 * hammering with a wrong key cannot hammer the database.
 */
@Service
public class ProjectDirectory {

    private final ProjectRepository projects;
    private final ApiKeyRepository keys;
    private final Cache<String, Optional<Project>> byWriteKey =
            Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    public ProjectDirectory(ProjectRepository projects, ApiKeyRepository keys) {
        this.projects = projects;
        this.keys = keys;
    }

    public Optional<Project> byWriteKey(String writeKey) {
        if (writeKey == null || !writeKey.startsWith("wk_")) {
            return Optional.empty();
        }
        return byWriteKey.get(writeKey, k -> keys.findActive(k)
                .filter(row -> row.kind() == ApiKeyRepository.Kind.WRITE)
                .flatMap(row -> projects.find(row.projectId())));
    }

    /** The project a secret key may read, if the key is valid. */
    public Optional<String> projectOfSecretKey(String secretKey) {
        String id = Keys.secretKeyId(secretKey);
        if (id == null) {
            return Optional.empty();
        }
        return keys.findActive(id)
                .filter(row -> row.kind() == ApiKeyRepository.Kind.SECRET && Keys.matchesHash(secretKey, row.secretHash()))
                .map(ApiKeyRepository.KeyRow::projectId);
    }

    public Optional<Project> find(String projectId) {
        return projects.find(projectId);
    }

    /** A new project with one write key and one secret key. */
    @Transactional
    public CreatedProject create(String id, String name, ZoneId zone, PiiMode piiMode) {
        Project p = new Project(id, name, zone, piiMode, Keys.randomBytes(32));
        projects.insert(p);
        String writeKey = Keys.newWriteKey();
        keys.insert(writeKey, id, ApiKeyRepository.Kind.WRITE, null);
        String secretKey = Keys.newSecretKey();
        keys.insert(Keys.secretKeyId(secretKey), id, ApiKeyRepository.Kind.SECRET, Keys.sha256(secretKey));
        return new CreatedProject(p, writeKey, secretKey);
    }

    public record CreatedProject(Project project, String writeKey, String secretKey) {}
}
