package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Part of a bulk-import chunk, ready for {@link DuckDbEventStore#appendImport}: the events already
 * written as CSV rows for DuckDB's reader ({@link ImportCsv}) into a scratch file of their own
 * ({@code null} without events; the parts of a chunk share one, {@link ImportChunkFile}), so the costly part runs on the import's preparing threads, the events
 * die young, and a chunk waiting for the store holds no tens of megabytes of rows on the heap (with
 * them there, the collector copied and re-marked them: 5 µs an event). The store deletes the file once
 * the chunk is committed or refused; {@link #discard} does it for a part that never gets there.
 */
public record ImportRows(Path csv, int events, List<IdentityLink> links, List<QuarantinedEvent> quarantined,
                         ImportNumbers.Chunk numbers) {

    /** The rows' CSV columns, names and DuckDB types as {@code read_csv}'s {@code columns} takes them (for tools that read the files). */
    public static final String CSV_COLUMNS = ImportCsv.COLUMNS;

    /** Rows are written through a buffer of the thread's own, reused from slice to slice. */
    private static final ThreadLocal<ImportCsv> BUFFER = ThreadLocal.withInitial(() -> new ImportCsv(1 << 20));

    /** A batch's rows as a chunk of their own (numbered by {@code store}). */
    public static ImportRows of(CommitBatch batch, DuckDbEventStore store) {
        return of(batch, null, store.importNumbers().chunk());
    }

    /**
     * The batch's rows, each event's person looked up again in {@code links} by its distinct id (the
     * person its id is linked to now — as the stored links' join would give — or the event's own):
     * links made after the event was resolved, such as a later login in the same chunk, count.
     * {@code null}: the events' own persons. URLs and selectors are numbered through {@code numbers}, the
     * chunk's, shared by all its parts.
     */
    public static ImportRows of(CommitBatch batch, com.dataeye.core.identity.IdentityResolver links, ImportNumbers.Chunk numbers) {
        if (batch.events().isEmpty()) {
            return new ImportRows(null, 0, batch.links(), batch.quarantined(), numbers);
        }
        ImportChunkFile file = ImportChunkFile.create();
        try {
            ImportRows rows = of(batch, links, numbers, file);
            file.close();
            return rows;
        } catch (RuntimeException e) {
            file.delete();
            throw e;
        }
    }

    /**
     * As {@link #of(CommitBatch, com.dataeye.core.identity.IdentityResolver, ImportNumbers.Chunk)}, the rows
     * written into {@code file}, the chunk's, which the other parts of the chunk write into too (the caller
     * closes it once all are written, and deletes it if the chunk is never stored). A part that fails
     * may have written some of its rows there: its chunk must not be stored.
     */
    public static ImportRows of(CommitBatch batch, com.dataeye.core.identity.IdentityResolver links, ImportNumbers.Chunk numbers,
                                ImportChunkFile file) {
        List<Event> events = batch.events();
        if (events.isEmpty()) {
            return new ImportRows(null, 0, batch.links(), batch.quarantined(), numbers);
        }
        ImportCsv csv = BUFFER.get();
        try {
            csv.reset();
            for (Event e : events) {
                String linked = links == null ? null : links.linkedPersonOf(e.projectId(), e.distinctId());
                csv.row(e, linked != null ? linked : e.personId(), numbers);
                if (csv.size() >= ImportCsv.FLUSH_AT) {
                    file.write(csv.buffer(), csv.size()); // whole rows: regions of parts may interleave
                    csv.reset();
                }
            }
            file.write(csv.buffer(), csv.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an import chunk's rows: " + e.getMessage(), e);
        } finally {
            csv.reset();
        }
        return new ImportRows(file.path(), events.size(), batch.links(), batch.quarantined(), numbers);
    }

    /** Rows written elsewhere (a test's hand-made CSV): {@code size} bytes of {@code csv} in a scratch file. */
    public ImportRows(byte[] csv, int size, int events, List<IdentityLink> links, List<QuarantinedEvent> quarantined,
                      ImportNumbers.Chunk numbers) {
        this(write(csv, size), events, links, quarantined, numbers);
    }

    private static Path write(byte[] csv, int size) {
        ImportChunkFile file = ImportChunkFile.create();
        try {
            file.write(csv, size);
            file.close();
            return file.path();
        } catch (IOException | RuntimeException e) {
            file.delete();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public boolean isEmpty() {
        return events == 0 && links.isEmpty() && quarantined.isEmpty();
    }

    /** Deletes the rows' scratch file (a part that will not be stored; parts of a chunk may share one). */
    public void discard() {
        if (csv != null) {
            delete(csv);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a scratch file in the temp directory
        }
    }
}
