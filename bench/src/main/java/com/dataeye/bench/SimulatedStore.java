package com.dataeye.bench;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestLimits;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;
import com.dataeye.simulator.ProgressListener;
import com.dataeye.simulator.Simulation;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.output.EventJson;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.truth.AnswerKey;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated shop (the simulator's planted truths) in a DuckDB event store, put through the
 * collector's own core pipeline (validation, identity, channel enrichment, de-identification) and
 * committed in chunks, without HTTP: how benchmarks and truth tests get realistic data quickly.
 */
public final class SimulatedStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 20_000;

    private SimulatedStore() {}

    /** Simulates {@code config} into {@code db} as project {@code projectId}; returns the answer key. */
    public static AnswerKey build(DuckDb db, SimulationConfig config, String projectId) {
        DuckDbEventStore store = new DuckDbEventStore(db);
        // every chunk is "received" a day after the previous one, so a one-day dedup window stays small
        IngestPipeline pipeline = new IngestPipeline(new IngestLimits(32 * 1024, 256, Duration.ofDays(36_500), Duration.ofDays(1)),
                ua -> DeviceInfo.UNKNOWN, new ChannelClassifier(), new IdentityResolver(), new DedupWindow(Duration.ofDays(1)));
        Project project = new Project(projectId, "Simulated shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
        Instant received = config.endDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.ofHours(8));
        EventJson writer = new EventJson();
        List<RawEvent> chunk = new ArrayList<>(CHUNK);
        Instant[] at = {received};
        AnswerKey key = Simulation.run(config, e -> {
            chunk.add(raw(writer, e, chunk.size()));
            if (chunk.size() == CHUNK) {
                commit(store, pipeline, project, chunk, at[0]);
                at[0] = at[0].plus(Duration.ofDays(1));
            }
        }, ProgressListener.NONE);
        commit(store, pipeline, project, chunk, at[0]);
        return key;
    }

    private static RawEvent raw(EventJson writer, SimulatedEvent e, int index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writer.write(g, e);
        }
        byte[] body = out.toByteArray();
        return new RawEvent(index, JSON.readValue(body, Map.class), body, 0, body.length, false);
    }

    private static void commit(DuckDbEventStore store, IngestPipeline pipeline, Project project, List<RawEvent> chunk, Instant received) {
        if (chunk.isEmpty()) {
            return;
        }
        IngestPipeline.Prepared prepared = pipeline.prepare(chunk, new IngestContext(project, received, null, "203.0.113.9", null));
        long refused = chunk.size() - prepared.accepted();
        if (refused > 0) {
            throw new IllegalStateException(refused + " simulated events were refused: " + prepared.outcomes().stream()
                    .filter(o -> !(o instanceof com.dataeye.core.ingest.EventOutcome.Accepted)).findFirst().orElseThrow());
        }
        store.commit(prepared.batch());
        chunk.clear();
    }
}
