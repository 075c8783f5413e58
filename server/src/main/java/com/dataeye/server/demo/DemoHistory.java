package com.dataeye.server.demo;

import com.dataeye.core.project.Project;
import com.dataeye.server.imports.Importer;
import com.dataeye.simulator.Simulation;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.output.EventJson;
import com.dataeye.simulator.output.EventSink;
import com.dataeye.simulator.output.SimulatedEvent;
import com.dataeye.simulator.truth.AnswerKey;
import com.dataeye.simulator.truth.AnswerKeyWriter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The demo project's 90 days of history: the simulated shop generated in process and fed, chunk by
 * chunk, through the bulk import (the collector's validation, de-identification and dedup). Done
 * once: a marker in the data directory says so, and the answer key is kept beside it. A start that
 * was killed half-way runs it again; the simulator's ids are deterministic, so the lines already
 * stored are recognised as duplicates.
 */
final class DemoHistory {

    static final String MARKER = "demo-history.done";
    private static final int CHUNK_LINES = 50_000;
    // one event a line: no separator between root values but our own newline
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();

    private DemoHistory() {}

    /** @return the number of events accepted, or -1 when the history was loaded by an earlier start */
    static long loadOnce(Importer importer, Project project, SimulationConfig shop, Path dataDir) throws IOException {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            return -1;
        }
        ChunkSink sink = new ChunkSink(importer, project, "demo-history-" + shop.seed());
        AnswerKey key = Simulation.run(shop, sink);
        sink.flush();
        Path keyDir = dataDir.resolve("demo");
        Files.createDirectories(keyDir);
        AnswerKeyWriter.write(key, keyDir);
        Files.writeString(marker, "seed=" + shop.seed() + "\npersons=" + shop.persons() + "\nfrom=" + shop.startDate()
                + "\naccepted=" + sink.accepted + "\n");
        return sink.accepted;
    }

    /** The simulated shop over the last {@code days} days, ending yesterday. */
    static SimulationConfig shop(long seed, int persons, int days) {
        return SimulationConfig.defaults().withSeed(seed).withPersons(persons)
                .withCalendar(LocalDate.now(java.time.ZoneOffset.ofHours(8)).minusDays(days), days);
    }

    /** Collects NDJSON lines and hands every {@link #CHUNK_LINES} of them to the importer. */
    private static final class ChunkSink implements EventSink {
        private final Importer importer;
        private final Project project;
        private final String importId;
        private final EventJson eventJson = new EventJson();
        private final ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 24);
        private JsonGenerator json = newGenerator();
        private int lines;
        private long firstLine = 1;
        long accepted;

        ChunkSink(Importer importer, Project project, String importId) {
            this.importer = importer;
            this.project = project;
            this.importId = importId;
        }

        private JsonGenerator newGenerator() {
            return JSON.createGenerator(ObjectWriteContext.empty(), chunk);
        }

        @Override
        public void accept(SimulatedEvent event) {
            eventJson.write(json, event);
            json.writeRaw('\n');
            if (++lines == CHUNK_LINES) {
                flush();
            }
        }

        void flush() {
            json.close();
            if (lines > 0) {
                Importer.ChunkResult r = importer.importChunk(project, importId, firstLine, chunk.toByteArray());
                accepted += r.accepted();
                firstLine = r.nextLine();
            }
            chunk.reset();
            lines = 0;
            json = newGenerator();
        }
    }
}
