package com.dataeye.server.ingest;

import com.dataeye.core.ingest.OverloadedException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@code POST /api/v1/events}, the native collector (docs/api/collector.md), and — with a
 * {@link WireProtocol} that translates their bodies — the endpoints of other SDK families. A plain servlet rather
 * than a Spring MVC controller: per event the hot path is short, and MVC's per-request dispatch
 * (handler lookup, argument resolution, content negotiation) would cost more than the event's own
 * processing. Everything it does is in {@link Collector}.
 */
final class CollectorServlet extends HttpServlet {

    private final transient Collector collector;
    private final transient JsonMapper json;
    private final int maxBodyBytes;
    private final boolean trustForwardedFor;
    private final transient Executor responders;
    private final transient WireProtocol protocol;

    CollectorServlet(Collector collector, JsonMapper json, int maxBodyBytes, boolean trustForwardedFor, Executor responders,
                     WireProtocol protocol) {
        this.responders = responders;
        this.protocol = protocol;
        this.collector = collector;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
        this.trustForwardedFor = trustForwardedFor;
    }

    /**
     * CORS preflight. Browser SDKs post JSON with a write-key header from the shop's own origin;
     * write keys are public and no cookies are involved, so any origin may send.
     */
    @Override
    protected void doOptions(HttpServletRequest http, HttpServletResponse response) {
        allowCrossOrigin(response);
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type, Content-Encoding, X-Write-Key, Authorization");
        response.setHeader("Access-Control-Max-Age", "86400");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    static void allowCrossOrigin(HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "Retry-After");
    }

    /** Image beacons ({@code GET /sa.gif?data=…}) for protocols that have them; the body is empty. */
    @Override
    protected void doGet(HttpServletRequest http, HttpServletResponse response) throws IOException {
        if (!(protocol instanceof SensorsProtocol)) {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        doPost(http, response);
    }

    @Override
    protected void doPost(HttpServletRequest http, HttpServletResponse response) throws IOException {
        allowCrossOrigin(response);
        CompletableFuture<Collector.Result> answer;
        try {
            byte[] body = BodyReader.read(http.getInputStream(), http.getHeader(HttpHeaders.CONTENT_ENCODING),
                    http.getContentLengthLong(), maxBodyBytes);
            if (SensorsProtocol.isDryRun(http.getServletPath(), http.getHeader("Dry-Run"))) {
                // the Sensors SDKs' debug_only mode: check the request can be read, store nothing, answer {}
                protocol.toNative(http.getServletPath(), http.getQueryString(), body);
                write(response, 200, Map.of());
                return;
            }
            answer = collector.collect(new Collector.Request(protocol.toNative(http.getPathInfo() != null ? http.getPathInfo() : http.getServletPath(), http.getQueryString(), body), writeKey(http),
                    clientIp(http), http.getHeader(HttpHeaders.USER_AGENT)));
        } catch (RequestError | OverloadedException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer.isDone()) {
            respond(response, answer);
            return;
        }
        // the request thread goes back to the pool; the answer is written once the commit is durable
        AsyncContext async = http.startAsync();
        async.setTimeout(0);
        CompletableFuture<Collector.Result> pending = answer;
        pending.whenCompleteAsync((result, error) -> {
            try {
                respond((HttpServletResponse) async.getResponse(), pending);
            } catch (IOException | RuntimeException e) {
                log("cannot write the collector's answer", e);
            } finally {
                async.complete();
            }
        }, responders);
    }

    private void respond(HttpServletResponse response, CompletableFuture<Collector.Result> answer) throws IOException {
        Collector.Result result;
        try {
            result = answer.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RequestError r) {
                write(response, r.code().httpStatus(), ApiError.of(r.code().wire(), r.getMessage()));
            } else if (cause instanceof OverloadedException o) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, o.retryAfter().toSeconds())));
                write(response, 503, ApiError.of("overloaded", o.getMessage()));
            } else {
                throw e;
            }
            return;
        }
        IngestResponse r = result.response();
        boolean nothingTaken = r.rejected() > 0 && r.accepted() == 0 && r.duplicates() == 0;
        if (result.singleEvent() && nothingTaken) {
            IngestResponse.EventError e = r.errors().get(0);
            write(response, 400, Map.of("error", new ApiError.Detail(e.code(), e.message(), e.field()),
                    "accepted", 0, "duplicates", 0, "rejected", 1, "errors", r.errors()));
        } else {
            write(response, nothingTaken ? 400 : 200, r);
        }
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** X-Write-Key, or Authorization as "Bearer wk_…" or Basic with the key as user name (Segment's habit). */
    static String writeKey(HttpServletRequest http) {
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
