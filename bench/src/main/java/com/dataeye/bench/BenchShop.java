package com.dataeye.bench;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.SegmentFormat;
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
import com.dataeye.core.store.CommitBatch;
import com.dataeye.simulator.Simulation;
import com.dataeye.simulator.SimulationConfig;
import com.dataeye.simulator.output.EventJson;
import com.dataeye.simulator.output.EventSink;
import com.dataeye.simulator.output.SimulatedEvent;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated shop loaded into a DuckDB event store, for benchmarks: built once per directory and
 * reused by every later run (and by other benchmarks).
 *
 * <pre>{@code
 * BenchShop.Shop shop = BenchShop.ensure(Path.of("/tmp/shop10m"), BenchShop.personsFor(10_000_000));
 * try (DuckDb db = DuckDb.open(shop.database(), "2GB")) { ... project BenchShop.PROJECT, days shop.from()..shop.to() ... }
 * }</pre>
 *
 * <p>The data is the {@code simulator} module's shop (seed {@value #SEED}, 90 days from 2026-08-26, Singles' Day
 * flash sale, identity merges by login, planted truths) plus {@link BounceVisitors} to make it ten events a person
 * (10M events / 1M persons, the shape the analytics issues ask for), and it takes the collector's path minus HTTP and
 * fsync: each simulated event is written as the collector's JSON, parsed, run through the real
 * {@link IngestPipeline} (validation, normalisation, channel, de-identification, dedup, identity links),
 * written as event-log segments by {@link SegmentFormat} and loaded by {@link DuckDbEventStore#loadSegment},
 * exactly as the server's loader does. Generation and loading overlap (one thread each). A directory counts
 * as built only once {@value #MARKER} is written after the last segment, so an interrupted build is redone.
 *
 * <pre>java -cp "bench/target/dataeye-bench.jar:bench/target/lib/*" com.dataeye.bench.BenchShop [events] [dir]</pre>
 */
public final class BenchShop {

    /** The project id every event of the shop is stored under. */
    public static final String PROJECT = "bench";
    public static final long SEED = 42;
    static final String MARKER = "bench-shop.properties";
    static final String DATABASE = "events.duckdb";
    /** With the simulator's default behaviour a person averages about 21 events (docs/benchmarks.md, Simulator). */
    static final double EVENTS_PER_PERSON = 21.0;
    /** The analytics issues size their benchmarks at 10M events / 1M persons: ten events a person overall. */
    static final double EVENTS_PER_PERSON_OVERALL = 10.0;
    private static final int SEGMENT_EVENTS = 500_000;
    private static final int BATCH = 2_000;

    /**
     * A built shop.
     *
     * @param database the DuckDB file; open it with {@link DuckDb#open}
     * @param from     first day of the run (shop time, Asia/Shanghai)
     * @param to       last day of the run
     */
    public record Shop(Path database, long events, long persons, long links, LocalDate from, LocalDate to) {}

    private BenchShop() {}

    /** Persons in a shop of about {@code events} events: 1M for 10M (shop persons and bounce visitors together). */
    public static int personsFor(long events) {
        return (int) Math.max(1, Math.round(events / EVENTS_PER_PERSON_OVERALL));
    }

    /**
     * How many of {@code persons} the simulator runs (about 21 events each) so that, with the rest as
     * {@link BounceVisitors} (two events each), the total is about {@code events_per_person_overall × persons}.
     */
    static int shopPersonsOf(int persons) {
        double events = persons * EVENTS_PER_PERSON_OVERALL;
        int shop = (int) Math.round((events - BounceVisitors.EVENTS_EACH * (double) persons)
                / (EVENTS_PER_PERSON - BounceVisitors.EVENTS_EACH));
        return Math.max(1, Math.min(persons, shop));
    }

    /** The shop of {@code persons} persons in {@code dir}: loaded now, or reused when it is already there. */
    public static Shop ensure(Path dir, int persons) {
        try {
            Path marker = dir.resolve(MARKER);
            if (Files.exists(marker)) {
                Properties p = new Properties();
                try (var in = Files.newInputStream(marker)) {
                    p.load(in);
                }
                if (Integer.parseInt(p.getProperty("persons")) != persons) {
                    throw new IllegalArgumentException(dir + " holds a shop of " + p.getProperty("persons") + " persons, not "
                            + persons + ": use another directory");
                }
                return fromProperties(dir, p);
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(DATABASE));
            Files.deleteIfExists(dir.resolve(DATABASE + ".wal"));
            return build(dir, persons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Shop fromProperties(Path dir, Properties p) {
        return new Shop(dir.resolve(DATABASE), Long.parseLong(p.getProperty("events")), Long.parseLong(p.getProperty("persons")),
                Long.parseLong(p.getProperty("links")), LocalDate.parse(p.getProperty("from")), LocalDate.parse(p.getProperty("to")));
    }

    private static Shop build(Path dir, int persons) throws IOException {
        int shopPersons = shopPersonsOf(persons);
        SimulationConfig config = SimulationConfig.defaults().withSeed(SEED).withPersons(shopPersons);
        long started = System.nanoTime();
        System.err.printf(Locale.ROOT, "building the simulator shop of %,d persons and %,d bounce visitors in %s …%n", shopPersons,
                persons - shopPersons, dir);
        Loaded loaded;
        try (DuckDb db = DuckDb.open(dir.resolve(DATABASE), "2GB")) {
            DuckDbEventStore store = new DuckDbEventStore(db);
            try (Loader loader = new Loader(store, dir)) {
                try (Collector collector = new Collector(loader)) {
                    Simulation.run(config, collector);
                    BounceVisitors.generate(SEED, persons - shopPersons, config.startDate(), config.days(), collector::accept);
                }
                loaded = loader.finish();
            }
            db.checkpoint();
            store.close();
        }
        Properties p = new Properties();
        p.setProperty("events", Long.toString(loaded.events));
        p.setProperty("persons", Integer.toString(persons));
        p.setProperty("shop_persons", Integer.toString(shopPersons));
        p.setProperty("links", Long.toString(loaded.links));
        p.setProperty("seed", Long.toString(SEED));
        p.setProperty("from", config.startDate().toString());
        p.setProperty("to", config.endDate().toString());
        try (OutputStream out = Files.newOutputStream(dir.resolve(MARKER))) {
            p.store(out, "a complete BenchShop build; delete the directory to build again");
        }
        System.err.printf(Locale.ROOT, "built %,d events (%,d identity links, %,d refused) in %.0f s%n", loaded.events, loaded.links,
                loaded.refused, (System.nanoTime() - started) / 1e9);
        return fromProperties(dir, p);
    }

    private record Loaded(long events, long links, long refused) {}

    /**
     * Takes simulated events as the collector would: JSON text, parsed, in batches through the ingest
     * pipeline, written to the current segment file.
     */
    private static final class Collector implements EventSink {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final EventJson eventJson = new EventJson();
        private final IngestPipeline pipeline;
        private final Project project = new Project(PROJECT, "bench shop", Project.DEFAULT_ZONE, PiiMode.MASK,
                "bench-key".getBytes(StandardCharsets.UTF_8));
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(2048);
        private final List<RawEvent> batch = new ArrayList<>(BATCH);
        private final Loader loader;

        Collector(Loader loader) {
            this.loader = loader;
            // the simulator's events carry no user agent, so no parser is consulted; history is up to 400 days old
            this.pipeline = new IngestPipeline(new IngestLimits(32 * 1024, 256, Duration.ofDays(400), Duration.ofDays(1)),
                    ua -> DeviceInfo.UNKNOWN, new ChannelClassifier(), new IdentityResolver(), new DedupWindow(Duration.ofDays(2)));
        }

        @Override
        public void accept(SimulatedEvent event) {
            line.reset();
            try (JsonGenerator g = JSON.createGenerator(line)) {
                eventJson.write(g, event);
            }
            byte[] body = line.toByteArray();
            batch.add(new RawEvent(batch.size(), JSON.readValue(body, Object.class), body, 0, body.length, false));
            if (batch.size() == BATCH) {
                flush();
            }
        }

        private void flush() {
            if (batch.isEmpty()) {
                return;
            }
            IngestPipeline.Prepared prepared = pipeline.prepare(batch, new IngestContext(project, Instant.now(), null, null, null));
            loader.add(prepared.batch(), batch.size() - prepared.batch().events().size());
            batch.clear();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** Writes segments and loads each sealed one on its own thread while the next is being written. */
    private static final class Loader implements AutoCloseable {
        private static final Path DONE = Path.of("");
        private final DuckDbEventStore store;
        private final Path dir;
        private final BlockingQueue<Path> sealed = new ArrayBlockingQueue<>(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;
        private OutputStream out;
        private Path current;
        private int inSegment;
        private long seq;
        private long events;
        private long links;
        private long refused;

        Loader(DuckDbEventStore store, Path dir) {
            this.store = store;
            this.dir = dir;
            this.thread = new Thread(this::run, "bench-shop-loader");
            thread.start();
        }

        void add(CommitBatch batch, int refusedInBatch) {
            try {
                if (out == null) {
                    current = dir.resolve("segment-" + (++seq) + ".jsonl");
                    out = new BufferedOutputStream(Files.newOutputStream(current), 1 << 20);
                }
                // SegmentFormat closes the stream it writes to; the segment stays open for the next batch
                SegmentFormat.write(batch, new java.io.FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                inSegment += batch.events().size();
                events += batch.events().size();
                links += batch.links().size();
                refused += refusedInBatch;
                if (inSegment >= SEGMENT_EVENTS) {
                    seal();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void seal() throws IOException {
            if (out == null) {
                return;
            }
            out.close();
            out = null;
            inSegment = 0;
            put(current);
            System.err.printf(Locale.ROOT, "  %,d events written%n", events);
        }

        private void put(Path p) {
            try {
                while (!sealed.offer(p, 1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (failure.get() != null) {
                        throw new IllegalStateException("loading failed", failure.get());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private void run() {
            long loadedSeq = 0;
            try {
                for (Path p = sealed.take(); p != DONE; p = sealed.take()) {
                    // every segment may hold links: the loader then reads the identity rows too, as the server's does
                    store.loadSegment(p, ++loadedSeq, true);
                    Files.delete(p);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }

        Loaded finish() throws IOException {
            seal();
            put(DONE);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("loading the shop failed", failure.get());
            }
            return new Loaded(events, links, refused);
        }

        @Override
        public void close() {
            if (thread.isAlive() && failure.get() == null) {
                sealed.offer(DONE);
            }
        }
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path dir = args.length > 1 ? Path.of(args[1]) : Path.of("bench-data/shop-" + events);
        Shop shop = ensure(dir, personsFor(events));
        System.out.printf(Locale.ROOT, "%s: %,d events, %,d persons, %,d identity links, %s … %s%n", shop.database(), shop.events(),
                shop.persons(), shop.links(), shop.from(), shop.to());
    }
}
