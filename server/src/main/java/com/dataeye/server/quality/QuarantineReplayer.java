package com.dataeye.server.quality;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.quality.QuarantineStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.ingest.EventOutcome;
import com.dataeye.core.ingest.GroupCommitter;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.project.Project;
import com.dataeye.core.store.CommitBatch;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends quarantined events through the pipeline again, after the plan (or whatever refused them)
 * was fixed. Each enters the store at most once, with its original time: an event without its own
 * id gets one derived from its quarantine record, an event without a timestamp gets the time it was
 * first received, and the replay is recorded, so a second replay finds nothing left to do. Events
 * still refused stay in the quarantine and are reported with their current reason.
 */
@Service
class QuarantineReplayer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QuarantineStore quarantine;
    private final IngestPipeline pipeline;
    private final GroupCommitter committer;
    private final SegmentLoader loader;

    QuarantineReplayer(QuarantineStore quarantine, @Qualifier("importPipeline") IngestPipeline pipeline, GroupCommitter committer,
                       SegmentLoader loader) {
        this.quarantine = quarantine;
        this.pipeline = pipeline;
        this.committer = committer;
        this.loader = loader;
    }

    record StillFailing(Instant receivedAt, String eventId, String code, String field, String message) {}

    record Result(int considered, int replayed, int duplicates, List<StillFailing> stillFailing) {}

    synchronized Result replay(Project project, String code, String event, Instant from, Instant to, int limit) {
        loader.catchUp();
        List<QuarantineStore.Row> rows = quarantine.pending(project.id(), code, event, from, to, limit);
        List<RawEvent> raws = new ArrayList<>(rows.size());
        List<StillFailing> failing = new ArrayList<>();
        List<QuarantineStore.Row> readable = new ArrayList<>();
        for (QuarantineStore.Row row : rows) {
            Map<String, Object> e;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = JSON.readValue(row.raw(), LinkedHashMap.class);
                e = parsed;
            } catch (RuntimeException notJson) {
                failing.add(new StillFailing(row.receivedAt(), row.eventId(), row.code(), row.field(), "the quarantined text is not a JSON object"));
                continue;
            }
            e.putIfAbsent("event_id", replayId(project.id(), row));
            e.putIfAbsent("timestamp", row.receivedAt().toString());
            byte[] bytes = JSON.writeValueAsBytes(e);
            raws.add(new RawEvent(raws.size(), e, bytes, 0, bytes.length, false));
            readable.add(row);
        }
        IngestPipeline.Prepared prepared = pipeline.prepare(raws, new IngestContext(project, Instant.now(), null, null, null));
        // beyond the dedup window only the store knows what is there
        Set<String> stored = quarantine.storedEventIds(project.id(), prepared.batch().events().stream().map(Event::eventId).toList());
        List<Event> fresh = prepared.batch().events().stream().filter(ev -> !stored.contains(ev.eventId())).toList();
        commit(new CommitBatch(fresh, prepared.batch().links(), List.of()), prepared);
        List<QuarantineStore.Row> done = new ArrayList<>();
        int duplicates = stored.size();
        for (EventOutcome o : prepared.outcomes()) {
            QuarantineStore.Row row = readable.get(o.index());
            if (o instanceof EventOutcome.Rejected r) {
                failing.add(new StillFailing(row.receivedAt(), r.eventId(), r.rejection().code().wire(), r.rejection().field(),
                        r.rejection().message()));
            } else {
                if (o instanceof EventOutcome.Duplicate) {
                    duplicates++;
                }
                done.add(row);
            }
        }
        quarantine.markReplayed(project.id(), done, Instant.now());
        return new Result(rows.size(), done.size() - duplicates, duplicates, failing);
    }

    private void commit(CommitBatch batch, IngestPipeline.Prepared prepared) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            committer.submit(batch).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipeline.rollback(prepared);
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            pipeline.rollback(prepared);
            throw new IllegalStateException("the replay could not be committed: " + e.getMessage(), e);
        }
    }

    /** The id a quarantined event without its own gets: the same on every replay of the same record. */
    static String replayId(String projectId, QuarantineStore.Row row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((projectId + '\n' + row.receivedAt() + '\n' + row.raw()).getBytes(StandardCharsets.UTF_8));
            return "qr-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
