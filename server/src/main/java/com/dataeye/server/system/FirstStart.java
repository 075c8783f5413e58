package com.dataeye.server.system;

import com.dataeye.server.project.AccountRepository;
import com.dataeye.server.project.ApiKeyRepository;
import com.dataeye.server.project.Keys;
import com.dataeye.server.project.ProjectDirectory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * On the first start: an admin account with a generated password and a demo project with its
 * keys, written under the data directory (owner-readable only). Every start prints where to go
 * and how to log in, so the README's one command is all a new user needs.
 */
@Component
class FirstStart {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final AccountRepository accounts;
    private final ProjectDirectory projects;
    private final ApiKeyRepository keys;
    private final PasswordEncoder passwords;
    private final DataEyeProperties props;

    FirstStart(AccountRepository accounts, ProjectDirectory projects, ApiKeyRepository keys, PasswordEncoder passwords,
               DataEyeProperties props) {
        this.accounts = accounts;
        this.projects = projects;
        this.keys = keys;
        this.passwords = passwords;
        this.props = props;
        ensureAdmin();
        ensureDemoProject();
    }

    private void ensureAdmin() {
        if (accounts.find("admin").isEmpty()) {
            String password = Keys.random(16);
            accounts.insert("admin", passwords.encode(password), "ADMIN");
            writeSecret("initial-admin-password", password);
        }
    }

    private void ensureDemoProject() {
        String id = props.demo().project();
        if (projects.find(id).isEmpty()) {
            ProjectDirectory.CreatedProject created =
                    projects.create(id, "Demo shop 演示小铺", com.dataeye.core.project.Project.DEFAULT_ZONE, props.demo().piiMode());
            writeSecret(id + "-secret-key", created.secretKey());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce(ApplicationReadyEvent ready) {
        int port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : 8080;
        String project = props.demo().project();
        String writeKey = keys.activeKeys(project, ApiKeyRepository.Kind.WRITE).stream()
                .map(ApiKeyRepository.KeyRow::keyId).findFirst().orElse("(none)");
        String banner = """

                ==============================================================
                  DataEye 数据之眼 is running:  http://localhost:%d
                  admin login:      admin / %s
                  demo project:     %s
                  demo write key:   %s
                  demo secret key:  %s
                  data directory:   %s
                ==============================================================
                """.formatted(port,
                readSecret("initial-admin-password").orElse("(changed; see docs/configuration.md to reset)"),
                project, writeKey, readSecret(project + "-secret-key").orElse("(not stored)"),
                props.dataDir().toAbsolutePath().normalize());
        System.out.println(banner);
    }

    private void writeSecret(String name, String value) {
        Path file = props.dataDir().resolve(name);
        try {
            Files.createDirectories(props.dataDir());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions apply
            }
        } catch (IOException e) {
            log.warn("cannot write {}: {}", file, e.getMessage());
        }
    }

    private Optional<String> readSecret(String name) {
        try {
            return Optional.of(Files.readString(props.dataDir().resolve(name)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
