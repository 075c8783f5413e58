package com.dataeye.server.ingest;

import com.dataeye.core.ingest.OverloadedException;
import com.dataeye.server.system.DataEyeProperties;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The native collector API (docs/api/collector.md). */
@RestController
@RequestMapping("/api/v1")
class CollectorController {

    private final Collector collector;
    private final int maxBodyBytes;
    private final boolean trustForwardedFor;

    CollectorController(Collector collector, DataEyeProperties props) {
        this.collector = collector;
        this.maxBodyBytes = props.ingest().maxBodyBytes();
        this.trustForwardedFor = props.ingest().trustForwardedFor();
    }

    @PostMapping("/events")
    ResponseEntity<?> events(HttpServletRequest http) throws IOException {
        byte[] body = BodyReader.read(http.getInputStream(), http.getHeader(HttpHeaders.CONTENT_ENCODING),
                http.getContentLengthLong(), maxBodyBytes);
        Collector.Result result = collector.collect(new Collector.Request(body, writeKey(http), clientIp(http),
                http.getHeader(HttpHeaders.USER_AGENT)));
        IngestResponse r = result.response();
        boolean nothingTaken = r.rejected() > 0 && r.accepted() == 0 && r.duplicates() == 0;
        if (result.singleEvent() && nothingTaken) {
            IngestResponse.EventError e = r.errors().get(0);
            return ResponseEntity.badRequest().body(Map.of(
                    "error", new ApiError.Detail(e.code(), e.message(), e.field()),
                    "accepted", 0, "duplicates", 0, "rejected", 1, "errors", r.errors()));
        }
        return nothingTaken ? ResponseEntity.badRequest().body(r) : ResponseEntity.ok(r);
    }

    /** A bare endpoint that reads the body and answers 200: the baseline for benchmarks and a reachability check for SDKs. */
    @PostMapping("/ping")
    ResponseEntity<Map<String, Object>> ping(HttpServletRequest http) throws IOException {
        byte[] body = http.getInputStream().readAllBytes();
        return ResponseEntity.ok(Map.of("ok", true, "bytes", body.length));
    }

    @ExceptionHandler(RequestError.class)
    ResponseEntity<ApiError> requestError(RequestError e) {
        return ResponseEntity.status(e.code().httpStatus()).body(ApiError.of(e.code().wire(), e.getMessage()));
    }

    @ExceptionHandler(OverloadedException.class)
    ResponseEntity<ApiError> overloaded(OverloadedException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(ApiError.of("overloaded", e.getMessage()));
    }

    /** X-Write-Key, or Authorization as "Bearer wk_…" or Basic with the key as user name (Segment's habit). */
    private static String writeKey(HttpServletRequest http) {
        String key = http.getHeader("X-Write-Key");
        if (key != null) {
            return key;
        }
        String auth = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (auth == null) {
            return null;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private String clientIp(HttpServletRequest http) {
        if (trustForwardedFor) {
            String xff = http.getHeader("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                int comma = xff.indexOf(',');
                return (comma < 0 ? xff : xff.substring(0, comma)).trim();
            }
        }
        return http.getRemoteAddr();
    }
}
