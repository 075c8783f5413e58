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
        Body body = read(http);
        if (body == null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ApiError.of("body_too_large",
                    "an import chunk is at most " + maxChunkBytes + " bytes (after gzip decoding); send smaller chunks"));
        }
        try {
            return ResponseEntity.ok(importer.importChunk(p, importId, firstLine, body.bytes(), body.length(), format));
        } catch (OverloadedException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                    .body(ApiError.of("overloaded", e.getMessage()));
        } finally {
            body.release();
        }
    }

    /**
     * Buffers for chunk bodies, kept from chunk to chunk. A body (tens of megabytes) lives as long as its
     * chunk takes, which spans several young collections: allocated anew each time, the collector copied it
     * and promoted it, and the old generation filled with dead bodies (ParallelGC: a full collection of
     * 1–1.5 s every 12 s over a 10M import). As many as the command line keeps in flight.
     */
    private final java.util.concurrent.BlockingQueue<byte[]> buffers = new java.util.concurrent.ArrayBlockingQueue<>(3);

    /** The first {@code length} bytes of {@code bytes}; {@link #release} hands a pooled buffer back. */
    private record Body(byte[] bytes, int length, java.util.concurrent.BlockingQueue<byte[]> pool) {
        void release() {
            if (pool != null) {
                pool.offer(bytes);
            }
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

    private Body read(HttpServletRequest http) throws IOException {
        String enc = http.getHeader(HttpHeaders.CONTENT_ENCODING);
        InputStream in = enc != null && enc.toLowerCase(java.util.Locale.ROOT).contains("gzip")
                ? new GZIPInputStream(http.getInputStream(), 65536) : http.getInputStream();
        long declared = in == http.getInputStream() ? http.getContentLengthLong() : -1;
        if (declared > maxChunkBytes) {
            return null;
        }
        if (declared >= 0) {
            // the usual case (the command line): a pooled buffer of at least the announced size, filled in place
            byte[] buf = buffers.poll();
            if (buf == null || buf.length < declared) {
                // rounded up to a MiB, so chunks of slightly different sizes share buffers
                buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8, (declared + (1 << 20) - 1) & ~((1L << 20) - 1))];
            }
            int n = in.readNBytes(buf, 0, (int) declared);
            return new Body(buf, n, buffers);
        }
        byte[] body = in.readNBytes(maxChunkBytes + 1);
        return body.length > maxChunkBytes ? null : new Body(body, body.length, null);
    }
}
