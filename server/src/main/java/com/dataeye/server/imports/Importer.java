package com.dataeye.server.imports;

import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.ImportChunkFile;
import com.dataeye.analytics.store.ImportNumbers;
import com.dataeye.analytics.store.ImportRows;
import com.dataeye.core.ingest.EventOutcome;
import com.dataeye.core.ingest.IngestContext;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.ingest.OverloadedException;
import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.project.Project;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bulk import of history (issue "A demo shop…", and a shop migrating from another tool): NDJSON
 * chunks through the collector's validation, de-identification, identity merge and dedup
 * ({@link IngestPipeline}, the import variant that takes old timestamps).
 *
 * <p>Built for throughput (docs/features/import.md): a chunk is cut into slices that are read and
 * prepared on every core at once (each slice's property maps written as the JSON text the store keeps,
 * so they die young); each slice's events are written as CSV rows on the preparing threads into the chunk's one scratch
 * file ({@link ImportChunkFile}), and the chunk's rows are then loaded by DuckDB's own CSV reader in <em>one</em> transaction
 * ({@link DuckDbEventStore#appendImport}), bypassing the collector's event log and its 5 s loader. While one chunk is appended, the next
 * is prepared. The answer is sent only after that commit, so an acknowledged line is durable. Lines carry an {@code event_id} (their own or a digest
 * of the line), and the dedup window is rebuilt from the store on start, so a chunk sent again after
 * a kill, or the whole file again, stores nothing twice.
 */
@Service
public class Importer {

    /** Per-line problems reported back, at most this many per chunk (the counts stay exact). */
    static final int MAX_REPORTED_ERRORS = 1000;
    /** Lines per slice: large enough to amortise a task, small enough to keep both cores busy. */
    private static final int SLICE_LINES = 4096;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Importer.class);

    private final IngestPipeline pipeline;
    private final DuckDbEventStore store;
    private final ExecutorService workers;
    private final Counter imported;
    private final Counter importNanos;

    private final com.dataeye.core.identity.IdentityResolver identities;

    /**
     * One permit per core. A slice being prepared holds one, and so does a chunk being stored, for its
     * whole load: the load is the import's slowest stage (one thread, in DuckDB), and with every core's
     * worth of preparing threads beside it the scheduler gave it only ~85 % of a core (measured with
     * {@code ImportBench -Dbench.timeline=true}) while the next chunks' slices waited for it anyway.
     * Fair, so a load waits for at most one slice to end.
     */
    private final Semaphore cores;
    /** Chunks are stored one at a time (the store's lock does too); a chunk takes its core only once it is its turn. */
    private final ReentrantLock loadTurn = new ReentrantLock(true);

    public Importer(@Qualifier("importPipeline") IngestPipeline pipeline, DuckDbEventStore store,
                    com.dataeye.core.identity.IdentityResolver identities, MeterRegistry metrics) {
        this.pipeline = pipeline;
        this.store = store;
        this.identities = identities;
        int threads = Runtime.getRuntime().availableProcessors();
        this.cores = new Semaphore(threads, true);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dataeye-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.imported = metrics.counter("dataeye.events.imported");
        this.importNanos = metrics.counter("dataeye.import.load.nanos");
        this.idle = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dataeye-import-links");
            t.setDaemon(true);
            return t;
        });
        idle.scheduleWithFixedDelay(this::applyLinksWhenIdle, 1, 1, TimeUnit.SECONDS);
    }

    /** Chunks being imported right now, and when the last one ended (System.nanoTime). */
    private final AtomicInteger busy = new AtomicInteger();
    private volatile long lastChunkEnded = System.nanoTime();
    /** An import that sends nothing for this long is taken as done: its pending links are applied. */
    static final Duration IDLE = Duration.ofSeconds(2);
    private final ScheduledExecutorService idle;

    /**
     * The end of an import (the CLI sends it after its last chunk; docs/api/import.md): events stored
     * before the import's identity links are moved to their persons now, so every answer is as if each
     * chunk had done it.
     *
     * @return events moved to the person an import linked them to
     */
    public long finish() {
        return store.applyPendingLinks();
    }

    /** An import without its {@link #finish} (a client killed, or plain HTTP): the links are applied once it goes quiet. */
    private void applyLinksWhenIdle() {
        try {
            if (store.hasPendingLinks() && busy.get() == 0 && System.nanoTime() - lastChunkEnded > IDLE.toNanos()) {
                long moved = store.applyPendingLinks();
                log.debug("import idle: {} earlier events moved to the persons its links name", moved);
            }
        } catch (RuntimeException e) {
            // tried again on the next tick; the links stay recorded in the store
            log.warn("could not apply an import's identity links: {}", e.getMessage());
        }
    }

    public record LineError(long line, String eventId, String code, String field, String message) {}

    public record ChunkResult(long lines, long accepted, long duplicates, long rejected, List<LineError> errors, long nextLine) {}

    /**
     * One slice of a chunk, read, prepared and written in the store's segment format; the events
     * themselves are dropped once written, so a chunk's property maps die young.
     */
    private record Slice(int[] lineOf, List<EventOutcome> outcomes, IngestPipeline.Claims claims, ImportRows rows) {}

    public ChunkResult importChunk(Project project, String importId, long firstLine, byte[] body) {
        return importChunk(project, importId, firstLine, body, ImportFormat.NATIVE);
    }

    public ChunkResult importChunk(Project project, String importId, long firstLine, byte[] body, ImportFormat format) {
        return importChunk(project, importId, firstLine, body, body.length, format);
    }

    /** A chunk in the first {@code length} bytes of {@code body} (a reused buffer, see {@link ImportController}). */
    public ChunkResult importChunk(Project project, String importId, long firstLine, byte[] body, int length, ImportFormat format) {
        busy.incrementAndGet();
        try {
            return importChunkNow(project, importId, firstLine, body, length, format);
        } finally {
            lastChunkEnded = System.nanoTime();
            busy.decrementAndGet();
        }
    }

    private ChunkResult importChunkNow(Project project, String importId, long firstLine, byte[] body, int length, ImportFormat format) {
        log.debug("import {} into {}: chunk from line {} ({} bytes)", importId, project.id(), firstLine, length);
        ChunkLines lines = ChunkLines.split(body, length, firstLine);
        IngestContext ctx = new IngestContext(project, Instant.now(), null, null, null);
        // Each row carries its person resolved in Java, through the links in memory when its slice's rows are
        // written (a login later in the same slice included), so the store joins no links. Links made after
        // that by other slices or chunks of the import are recorded as pending and move these events when
        // the import finishes; a collector's link is loaded by a segment load, counted here: if one commits
        // before this chunk, the chunk joins the stored links as before.
        long linkLoads = store.linkLoads();
        // the chunk's URLs and selectors the store has no number for yet are numbered when it is loaded
        ImportNumbers.Chunk numbers = store.importNumbers().chunk();
        // the chunk's rows, one file for all its slices
        ImportChunkFile rows = ImportChunkFile.create();
        try {
            List<Slice> slices = prepareInParallel(lines, body, ctx, format, numbers, rows);
            rows.close();
            try {
                load(slices, linkLoads);
            } catch (RuntimeException e) {
                slices.forEach(s -> pipeline.rollback(s.claims()));
                log.warn("import {} chunk from line {} could not be stored: {}", importId, firstLine, e.getMessage());
                throw new OverloadedException("the event store could not commit the chunk: " + e.getMessage(), Duration.ofSeconds(5));
            }
            return answer(lines, slices, firstLine);
        } finally {
            rows.delete();
        }
    }

    private ChunkResult answer(ChunkLines lines, List<Slice> slices, long firstLine) {
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        List<LineError> errors = new ArrayList<>();
        for (Slice s : slices) {
            for (EventOutcome o : s.outcomes()) {
                if (o instanceof EventOutcome.Accepted) {
                    accepted++;
                } else if (o instanceof EventOutcome.Duplicate) {
                    duplicates++;
                } else if (o instanceof EventOutcome.Rejected r) {
                    rejected++;
                    if (errors.size() < MAX_REPORTED_ERRORS) {
                        errors.add(new LineError(lines.numbers[s.lineOf()[r.index()]], r.eventId(), r.rejection().code().wire(),
                                r.rejection().field(), r.rejection().message()));
                    }
                }
            }
        }
        imported.increment(accepted);
        return new ChunkResult(lines.fileLines, accepted, duplicates, rejected, errors, firstLine + lines.fileLines);
    }

    private List<Slice> prepareInParallel(ChunkLines lines, byte[] body, IngestContext ctx, ImportFormat format,
                                          ImportNumbers.Chunk numbers, ImportChunkFile rows) {
        List<Future<Slice>> futures = new ArrayList<>();
        for (int from = 0; from < lines.count; from += SLICE_LINES) {
            int start = from;
            int end = Math.min(lines.count, from + SLICE_LINES);
            futures.add(workers.submit(() -> prepareSlice(lines, body, start, end, ctx, format, numbers, rows)));
        }
        List<Slice> slices = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (Future<Slice> f : futures) {
            try {
                slices.add(f.get());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new OverloadedException("interrupted", Duration.ofSeconds(1));
            }
        }
        if (failure != null) {
            slices.forEach(s -> {
                pipeline.rollback(s.claims());
                s.rows().discard();
            });
            throw failure;
        }
        return slices;
    }

    private Slice prepareSlice(ChunkLines lines, byte[] body, int from, int to, IngestContext ctx, ImportFormat format,
                               ImportNumbers.Chunk numbers, ImportChunkFile file) {
        cores.acquireUninterruptibly();
        try {
            return prepareSliceOnACore(lines, body, from, to, ctx, format, numbers, file);
        } finally {
            cores.release();
        }
    }

    private Slice prepareSliceOnACore(ChunkLines lines, byte[] body, int from, int to, IngestContext ctx, ImportFormat format,
                                      ImportNumbers.Chunk numbers, ImportChunkFile file) {
        List<RawEvent> raws = new ArrayList<>(to - from);
        int[] lineOf = new int[to - from];
        for (int i = from; i < to; i++) {
            int start = lines.starts[i];
            int end = lines.ends[i];
            for (Object value : format.read(body, start, end)) {
                if (raws.size() == lineOf.length) {
                    lineOf = java.util.Arrays.copyOf(lineOf, lineOf.length * 2);
                }
                lineOf[raws.size()] = i;
                raws.add(new RawEvent(raws.size(), value, body, start, end, false));
            }
        }
        IngestPipeline.Prepared prepared = pipeline.prepare(raws, ctx);
        IngestPipeline.Claims claims = IngestPipeline.Claims.of(prepared);
        ImportRows rows;
        try {
            rows = ImportRows.of(prepared.batch(), identities, numbers, file);
        } catch (RuntimeException e) {
            // the ids this slice claimed must not make a retry look like a duplicate (the chunk, and its file, are refused)
            pipeline.rollback(claims);
            throw e;
        }
        return new Slice(lineOf, prepared.outcomes(), claims, rows);
    }

    /** Appends the slices, in order, to the store in one transaction. */
    private void load(List<Slice> slices, long linkLoads) {
        loadTurn.lock();
        try {
            cores.acquireUninterruptibly();
            long start = System.nanoTime();
            try {
                store.appendImport(slices.stream().map(Slice::rows).toList(), linkLoads);
            } finally {
                importNanos.increment(System.nanoTime() - start);
                cores.release();
            }
        } finally {
            loadTurn.unlock();
        }
    }

    @PreDestroy
    void stop() {
        idle.shutdownNow();
        workers.shutdownNow();
    }
}
