package com.dataeye.server.imports;

import com.dataeye.core.ingest.OverloadedException;
import com.dataeye.core.project.Project;
import com.dataeye.server.ingest.ApiError;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;
import com.dataeye.server.system.DataEyeProperties;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /api/v1/projects/{project}/import?import_id=…&first_line=…}: one chunk of an NDJSON
 * import (docs/api/import.md). Needs an operator login or the project's secret key.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/import")
class ImportController {

    private static final Pattern IMPORT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Importer importer;
    private final ProjectDirectory projects;
    private final int maxChunkBytes;

    ImportController(Importer importer, ProjectDirectory projects, DataEyeProperties props) {
        this.importer = importer;
        this.projects = projects;
        this.maxChunkBytes = props.imports().maxChunkBytes();
    }

    @PostMapping
    ResponseEntity<?> chunk(@PathVariable String project, @RequestParam("import_id") String importId,
                            @RequestParam(name = "first_line", defaultValue = "1") long firstLine,
                            @RequestParam(name = "format", defaultValue = "native") String formatName,
                            HttpServletRequest http, Authentication auth) throws IOException {
        ProjectAccess.require(auth, project);
        Project p = projects.find(project).orElse(null);
        if (p == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", "no project '" + project + "'"));
        }
        if (!IMPORT_ID.matcher(importId).matches()) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter",
                    "import_id is 1–64 letters, digits, '.', '_' or '-', the same for every chunk of one import", "import_id"));
        }
        if (firstLine < 1) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter", "first_line starts at 1", "first_line"));
        }
        ImportFormat format = ImportFormat.fromWire(formatName).orElse(null);
        if (format == null) {
            return ResponseEntity.badRequest().body(ApiError.of("invalid_parameter",
                    "format is native (one DataEye event a line) or sensors (one Sensors Analytics record a line)", "format"));
        }
        byte[] body = read(http);
        if (body == null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ApiError.of("body_too_large",
                    "an import chunk is at most " + maxChunkBytes + " bytes (after gzip decoding); send smaller chunks"));
        }
        try {
            return ResponseEntity.ok(importer.importChunk(p, importId, firstLine, body, format));
        } catch (OverloadedException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                    .body(ApiError.of("overloaded", e.getMessage()));
        }
    }

    /**
     * {@code POST …/import/finish}: the import is over; events stored before its identity links are
     * moved to their persons now rather than when the server sees it go quiet (docs/api/import.md).
     */
    @PostMapping("/finish")
    ResponseEntity<?> finish(@PathVariable String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        if (projects.find(project).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("unknown_project", "no project '" + project + "'"));
        }
        return ResponseEntity.ok(java.util.Map.of("events_moved", importer.finish()));
    }

    private byte[] read(HttpServletRequest http) throws IOException {
        String enc = http.getHeader(HttpHeaders.CONTENT_ENCODING);
        InputStream in = enc != null && enc.toLowerCase(java.util.Locale.ROOT).contains("gzip")
                ? new GZIPInputStream(http.getInputStream(), 65536) : http.getInputStream();
        long declared = in == http.getInputStream() ? http.getContentLengthLong() : -1;
        if (declared > maxChunkBytes) {
            return null;
        }
        if (declared >= 0) {
            // the usual case: one array of the announced size, filled in place (a chunk is tens of megabytes)
            byte[] body = new byte[(int) declared];
            int n = in.readNBytes(body, 0, body.length);
            return n == body.length ? body : Arrays.copyOf(body, n);
        }
        byte[] body = in.readNBytes(maxChunkBytes + 1);
        return body.length > maxChunkBytes ? null : body;
    }
}
