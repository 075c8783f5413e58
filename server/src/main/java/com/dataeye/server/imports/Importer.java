package com.dataeye.server.imports;

import com.dataeye.core.ingest.EventOutcome;
import com.dataeye.core.ingest.GroupCommitter;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.OverloadedException;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.project.Project;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bulk import of history (issue "A demo shop…", and a shop migrating from another tool): NDJSON
 * chunks, one native event a line, through the collector's validation, de-identification, dedup and
 * durable commit. Lines without an {@code event_id} get one from a digest of the line, so re-sending
 * a chunk after an interruption, or the whole file again, stores nothing twice; that is what makes an
 * import resumable. Timestamps may be as old as {@code dataeye.import.max-age} (history is old by nature).
 */
@Service
public class Importer {

    /** Per-line problems reported back, at most this many per chunk (the counts stay exact). */
    static final int MAX_REPORTED_ERRORS = 1000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Importer.class);

    private final IngestPipeline pipeline;
    private final GroupCommitter committer;
    private final JsonMapper json;
    private final Counter imported;

    public Importer(@Qualifier("importPipeline") IngestPipeline pipeline, GroupCommitter committer, JsonMapper json,
                    MeterRegistry metrics) {
        this.pipeline = pipeline;
        this.committer = committer;
        this.json = json;
        this.imported = metrics.counter("dataeye.events.imported");
    }

    public record LineError(long line, String eventId, String code, String field, String message) {}

    public record ChunkResult(long lines, long accepted, long duplicates, long rejected, List<LineError> errors, long nextLine) {}

    public ChunkResult importChunk(Project project, String importId, long firstLine, byte[] body) {
        log.debug("import {} into {}: chunk from line {} ({} bytes)", importId, project.id(), firstLine, body.length);
        List<RawEvent> raws = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        long line = firstLine;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (end > start && !isBlank(body, start, end)) {
                    raws.add(new RawEvent(raws.size(), read(body, start, end), body, start, end, false));
                    lineNumbers.add(line);
                }
                if (i < body.length) {
                    line++;
                }
                start = i + 1;
            }
        }
        long lines = line - firstLine + (body.length > 0 && body[body.length - 1] != '\n' ? 1 : 0);
        IngestPipeline.Prepared prepared = pipeline.prepare(raws, new IngestContext(project, Instant.now(), null, null, null));
        commit(prepared);
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        List<LineError> errors = new ArrayList<>();
        for (EventOutcome o : prepared.outcomes()) {
            if (o instanceof EventOutcome.Accepted) {
                accepted++;
            } else if (o instanceof EventOutcome.Duplicate) {
                duplicates++;
            } else if (o instanceof EventOutcome.Rejected r) {
                rejected++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(new LineError(lineNumbers.get(r.index()), r.eventId(), r.rejection().code().wire(),
                            r.rejection().field(), r.rejection().message()));
                }
            }
        }
        imported.increment(accepted);
        return new ChunkResult(lines, accepted, duplicates, rejected, errors, firstLine + lines);
    }

    /** One line as JSON; a line that is not JSON, or not UTF-8, is reported as such and the rest go on. */
    @SuppressWarnings("unchecked")
    private Object read(byte[] body, int start, int end) {
        try {
            Object value = json.readValue(body, start, end - start, Object.class);
            if (value instanceof Map<?, ?> m && m.get("event_id") == null) {
                ((Map<String, Object>) m).put("event_id", contentId(body, start, end));
            }
            return value;
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().contains("UTF-8")
                    ? "the line contains bytes that are not UTF-8" : "the line is not JSON: " + e.getOriginalMessage();
            return new RawEvent.Unreadable(why);
        }
    }

    /**
     * An id for a line that brings none: a digest of the line itself, so importing the same file again —
     * resumed, restarted, or by mistake — stores nothing twice. Two identical lines are one event.
     */
    private static String contentId(byte[] body, int start, int end) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(body, start, end - start);
            return "imp:" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void commit(IngestPipeline.Prepared prepared) {
        if (prepared.batch().isEmpty()) {
            return;
        }
        try {
            committer.submit(prepared.batch()).get(60, TimeUnit.SECONDS);
        } catch (OverloadedException e) {
            pipeline.rollback(prepared);
            throw e;
        } catch (TimeoutException e) {
            throw new OverloadedException("the import chunk was not committed within 60 s; send it again", Duration.ofSeconds(5));
        } catch (ExecutionException e) {
            pipeline.rollback(prepared);
            throw new OverloadedException("the event store could not commit: " + e.getCause().getMessage(), Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipeline.rollback(prepared);
            throw new OverloadedException("interrupted", Duration.ofSeconds(1));
        }
    }

    private static boolean isBlank(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
