package com.dataeye.simulator.output;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Streams events to a file, one JSON object per line (NDJSON), optionally gzip-compressed. Nothing is
 * held beyond the output buffer, so a 10-million-event run needs no more memory than a small one.
 */
public final class NdjsonFileSink implements EventSink {

    /** No separator between root values: each line ends with its own newline instead. */
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator((String) null).build();
    private static final int BUFFER_BYTES = 1 << 20;

    private final JsonGenerator json;
    private final EventJson events = new EventJson();

    public NdjsonFileSink(Path file, boolean gzip) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES);
            this.json = JSON.createGenerator(ObjectWriteContext.empty(), gzip ? new FastGzip(out) : out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** {@code events.ndjson} or {@code events.ndjson.gz} in {@code directory}. */
    public static Path fileIn(Path directory, boolean gzip) {
        return directory.resolve(gzip ? "events.ndjson.gz" : "events.ndjson");
    }

    @Override
    public void accept(SimulatedEvent event) {
        events.write(json, event);
        json.writeRaw('\n');
    }

    @Override
    public void close() {
        json.close();
    }

    /** Gzip at the fastest level: compression is optional and must not make generation CPU-bound on deflate. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
