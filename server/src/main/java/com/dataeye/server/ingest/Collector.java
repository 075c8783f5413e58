package com.dataeye.server.ingest;

import com.dataeye.core.ingest.EventOutcome;
import com.dataeye.core.ingest.GroupCommitter;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.OverloadedException;
import com.dataeye.core.ingest.RejectionCode;
import com.dataeye.core.project.Project;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.system.DataEyeProperties;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One collector request from bytes to an answer: parse, authenticate the write key, run the core
 * pipeline, wait for the group commit, count. Protocol adapters (Sensors, Segment) reuse it
 * after translating their own shapes.
 */
@Service
public class Collector {

    private final BatchParser parser;
    private final ProjectDirectory projects;
    private final IngestPipeline pipeline;
    private final GroupCommitter committer;
    private final Duration commitTimeout;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter quarantined;
    private final MeterRegistry metrics;

    public Collector(JsonMapper json, ProjectDirectory projects, IngestPipeline pipeline, GroupCommitter committer,
                     DataEyeProperties props, MeterRegistry metrics) {
        this.parser = new BatchParser(json);
        this.projects = projects;
        this.pipeline = pipeline;
        this.committer = committer;
        this.commitTimeout = props.ingest().commitTimeout();
        this.metrics = metrics;
        this.accepted = metrics.counter("dataeye.events.ingested");
        this.duplicates = metrics.counter("dataeye.events.duplicates");
        this.quarantined = metrics.counter("dataeye.events.quarantined");
    }

    /** What the HTTP layer knows besides the body. */
    record Request(byte[] body, String writeKeyHeader, String clientIp, String userAgent) {}

    record Result(IngestResponse response, boolean singleEvent) {}

    /**
     * Parses, authenticates and prepares the request at once (throwing {@link RequestError} or
     * {@link OverloadedException}); the answer completes when its events are durable, on the commit
     * thread, so no request thread waits for the disk.
     */
    CompletableFuture<Result> collect(Request request) {
        Instant receivedAt = Instant.now();
        BatchParser.Parsed parsed = parser.parse(request.body());
        Project project = authenticate(request.writeKeyHeader(), parsed);
        Instant sentAt = sentAt(parsed.envelope());
        IngestContext ctx = new IngestContext(project, receivedAt, sentAt, request.clientIp(), request.userAgent());
        IngestPipeline.Prepared prepared = pipeline.prepare(parsed.events(), ctx);
        Result result = new Result(IngestResponse.of(prepared.outcomes()), parsed.single());
        if (prepared.batch().isEmpty()) {
            count(prepared.outcomes());
            return CompletableFuture.completedFuture(result);
        }
        CompletableFuture<Void> done;
        try {
            done = committer.submit(prepared.batch());
        } catch (OverloadedException e) {
            pipeline.rollback(prepared);
            throw e;
        }
        return done.orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS).handle((ok, error) -> {
            if (error == null) {
                count(prepared.outcomes());
                return result;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                // The commit may still land; the client's retry is then recognised as a duplicate.
                throw new OverloadedException("the commit did not finish within " + commitTimeout.toMillis() + " ms",
                        Duration.ofSeconds(2));
            }
            pipeline.rollback(prepared);
            throw new OverloadedException("the event store could not commit: " + cause.getMessage(), Duration.ofSeconds(5));
        });
    }

    private Project authenticate(String headerKey, BatchParser.Parsed parsed) {
        String key = headerKey;
        if (key == null && parsed.envelope().get("write_key") instanceof String s) {
            key = s;
        }
        if (parsed.single()) {
            parsed.envelope().remove("write_key");
        }
        if (key == null || key.isBlank()) {
            throw new RequestError(RejectionCode.MISSING_WRITE_KEY,
                    "send the project's write key in the X-Write-Key header or as write_key in the body");
        }
        return projects.byWriteKey(key.trim()).orElseThrow(() -> new RequestError(RejectionCode.INVALID_WRITE_KEY,
                "the write key is not valid for any project (was it revoked, or is it a secret key?)"));
    }

    private static Instant sentAt(Map<String, Object> envelope) {
        Object v = envelope.get("sent_at");
        if (v instanceof String s) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }
        return v instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    private void count(List<EventOutcome> outcomes) {
        for (EventOutcome o : outcomes) {
            if (o instanceof EventOutcome.Accepted) {
                accepted.increment();
            } else if (o instanceof EventOutcome.Duplicate) {
                duplicates.increment();
            } else if (o instanceof EventOutcome.Rejected r) {
                metrics.counter("dataeye.events.rejected", "code", r.rejection().code().wire()).increment();
                if (r.quarantined()) {
                    quarantined.increment();
                }
            }
        }
    }
}
