package com.dataeye.server.analysis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI description of the analysis endpoints, written by hand
 * with examples (the query bodies are typed in {@code analytics}, not in controller signatures, so a
 * generator would see only maps). {@code OpenApiIT} checks it against the real endpoints.
 */
@RestController
class OpenApiController {

    private final String description;

    OpenApiController() {
        try (var in = new ClassPathResource("openapi/analytics.yaml").getInputStream()) {
            this.description = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/openapi.yaml")
    ResponseEntity<String> openApi() {
        return ResponseEntity.ok().header("Content-Type", "application/yaml; charset=utf-8").body(description);
    }
}
