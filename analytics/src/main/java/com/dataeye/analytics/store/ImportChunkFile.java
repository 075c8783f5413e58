package com.dataeye.analytics.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scratch file for all the CSV rows of an import chunk, written by its preparing threads side by
 * side: each writer reserves a region at the end and writes whole rows into it, so the chunk's rows are
 * one file, in no particular order. DuckDB's CSV reader pays a fixed cost per file: one file of a chunk's
 * 196,608 rows loaded 0.3–0.7 µs/row faster than the same rows in 48 files of a slice each (the server's
 * own scratch files, DuckDB 1.4.4 and 2.0; docs/benchmarks.md), and loading is the import's slowest stage.
 */
public final class ImportChunkFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final AtomicLong end = new AtomicLong();

    private ImportChunkFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static ImportChunkFile create() {
        Path path = null;
        try {
            path = Files.createTempFile("dataeye-import-", ".csv");
            return new ImportChunkFile(path, FileChannel.open(path, StandardOpenOption.WRITE));
        } catch (IOException e) {
            if (path != null) {
                ImportRows.delete(path);
            }
            throw new UncheckedIOException("cannot create an import chunk's scratch file: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Appends whole rows, {@code length} bytes of {@code rows}, in a region of their own (safe from several threads). */
    void write(byte[] rows, int length) throws IOException {
        long at = end.getAndAdd(length);
        ByteBuffer b = ByteBuffer.wrap(rows, 0, length);
        while (b.hasRemaining()) {
            channel.write(b, at + b.position());
        }
    }

    /** Once every part is written: the rows are complete for a reader. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close an import chunk's scratch file: " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the file (a chunk stored, refused or never loaded); safe to call again. */
    public void delete() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleted next
        }
        ImportRows.delete(path);
    }
}
