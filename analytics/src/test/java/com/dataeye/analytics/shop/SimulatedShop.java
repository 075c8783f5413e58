package com.dataeye.analytics.shop;

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
import com.dataeye.simulator.output.EventSink;
import com.dataeye.simulator.output.ShopTime;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.truth.AnswerKey;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated shop put through core's real ingest pipeline (identity merge, channels, de-identification)
 * into an in-memory DuckDB store, as the collector would, with the simulator's answer key beside it.
 */
public final class SimulatedShop {

    public static final String PROJECT = "demo";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatedShop() {}

    public record Loaded(DuckDb db, AnswerKey key, SimulationConfig config) {}

    private static final Map<SimulationConfig, Loaded> LOADED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The shop of this config, loaded once per test JVM and shared by the test classes that read it. */
    public static Loaded shared(SimulationConfig config) {
        return LOADED.computeIfAbsent(config, SimulatedShop::load);
    }

    public static Loaded load(SimulationConfig config) {
        DuckDb db = DuckDb.open(null, null);
        DuckDbEventStore store = new DuckDbEventStore(db);
        IngestPipeline pipeline = new IngestPipeline(IngestLimits.DEFAULTS,
                ua -> new DeviceInfo("iOS", "17", "Mobile Safari", "17", "mobile"), new ChannelClassifier(),
                new IdentityResolver(), new DedupWindow(Duration.ofDays(7)));
        Project shop = new Project(PROJECT, "Demo shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
        Instant receivedAt = config.endDate().plusDays(1).atStartOfDay().toInstant(ShopTime.OFFSET);
        EventJson json = new EventJson();
        List<RawEvent> pending = new ArrayList<>();
        Runnable flush = () -> {
            if (!pending.isEmpty()) {
                store.commit(pipeline.prepare(List.copyOf(pending), new IngestContext(shop, receivedAt, null, "203.0.113.9", null)).batch());
                pending.clear();
            }
        };
        AnswerKey key = Simulation.run(config, new EventSink() {
            @Override
            public void accept(SimulatedEvent event) {
                StringWriter text = new StringWriter();
                try (JsonGenerator g = JSON.createGenerator(text)) {
                    json.write(g, event);
                }
                byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
                pending.add(new RawEvent(pending.size(), JSON.readValue(body, Map.class), body, 0, body.length, false));
                if (pending.size() >= 25_000) {
                    flush.run();
                }
            }
        }, ProgressListener.NONE);
        flush.run();
        return new Loaded(db, key, config);
    }
}
