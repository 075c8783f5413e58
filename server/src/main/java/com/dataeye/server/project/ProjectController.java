package com.dataeye.server.project;

import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.security.ProjectAccess;
import com.dataeye.server.security.SecretKeyAuthentication;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Projects and their keys. Creating a project is for admins; its secret key is shown once, at creation. */
@RestController
@RequestMapping("/api/v1/projects")
class ProjectController {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{1,63}");

    private final ProjectDirectory projects;
    private final ProjectRepository repository;
    private final ApiKeyRepository keys;

    ProjectController(ProjectDirectory projects, ProjectRepository repository, ApiKeyRepository keys) {
        this.projects = projects;
        this.repository = repository;
        this.keys = keys;
    }

    @GetMapping
    Map<String, Object> list(Authentication auth) {
        List<String> ids = auth instanceof SecretKeyAuthentication key ? List.of(key.projectId()) : repository.ids();
        return Map.of("projects", ids.stream().map(id -> projects.find(id).map(ProjectController::view).orElseThrow()).toList());
    }

    @GetMapping("/{project}/keys")
    ResponseEntity<?> keys(@PathVariable String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        if (projects.find(project).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", "no project '" + project + "'"));
        }
        List<String> write = keys.activeKeys(project, ApiKeyRepository.Kind.WRITE).stream().map(ApiKeyRepository.KeyRow::keyId).toList();
        List<String> secret = keys.activeKeys(project, ApiKeyRepository.Kind.SECRET).stream().map(ApiKeyRepository.KeyRow::keyId).toList();
        return ResponseEntity.ok(Map.of("project", project, "write_keys", write, "secret_key_ids", secret));
    }

    record NewProject(String id, String name, String timeZone, String piiMode) {}

    @PostMapping
    ResponseEntity<?> create(@RequestBody NewProject body, Authentication auth) {
        if (auth == null || auth.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals("ROLE_ADMIN"))) {
            throw new AccessDeniedException("only an admin may create projects");
        }
        if (body.id() == null || !ID.matcher(body.id()).matches()) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter",
                    "id must be 2–64 characters: lower-case letters, digits, - and _, starting with a letter", "id"));
        }
        if (projects.find(body.id()).isPresent()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("project_exists", "project '" + body.id() + "' exists", "id"));
        }
        ZoneId zone;
        try {
            zone = body.timeZone() == null ? Project.DEFAULT_ZONE : ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", "unknown time zone", "time_zone"));
        }
        PiiMode mode;
        try {
            mode = body.piiMode() == null ? PiiMode.MASK : PiiMode.valueOf(body.piiMode().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", "pii_mode is mask or hash", "pii_mode"));
        }
        ProjectDirectory.CreatedProject created = projects.create(body.id(), body.name() == null ? body.id() : body.name(), zone, mode);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("project", view(created.project()),
                "write_key", created.writeKey(), "secret_key", created.secretKey()));
    }

    private static Map<String, Object> view(Project p) {
        return Map.of("id", p.id(), "name", p.name(), "time_zone", p.timeZone().getId(),
                "pii_mode", p.piiMode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
