package com.dataeye.server.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./dataeye import --file events.ndjson.gz [--project demo] [--server http://localhost:8080] [--key sk_…]}
 *
 * <p>Sends an NDJSON file (gzip'd or not) to a running server in chunks, with a progress bar. After each
 * acknowledged chunk it records the next line in {@code <file>.import-state}; run the same command again
 * after an interruption and it resumes there (a chunk sent twice is recognised, not stored twice).
 * Refused lines are written, with line number and reason, to {@code <file>.import-report.ndjson}.
 */
public final class ImportCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportCommand() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Path stateFile = Path.of(o.file + ".import-state");
        Path reportFile = Path.of(o.file + ".import-report.ndjson");
        Properties state = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                state.load(in);
            }
            System.err.printf("resuming import %s at line %s%n", state.getProperty("import_id"), state.getProperty("next_line"));
        } else {
            state.setProperty("import_id", UUID.randomUUID().toString());
            state.setProperty("next_line", "1");
            Files.deleteIfExists(reportFile);
        }
        String importId = state.getProperty("import_id");
        long nextLine = Long.parseLong(state.getProperty("next_line"));
        if (nextLine < 1) {
            throw new IllegalArgumentException("next_line in " + stateFile + " must be at least 1");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Progress progress = new Progress(Files.size(Path.of(o.file)));
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        try (CountingStream counted = new CountingStream(Files.newInputStream(Path.of(o.file)));
             // no buffering stream over gzip: a file cut short must give up every byte it holds before the EOF error
             InputStream in = o.file.endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16) : new BufferedInputStream(counted, 1 << 16)) {
            Chunker chunker = new Chunker(o, http, importId, nextLine, reportFile, stateFile, state, progress, counted);
            byte[] buf = new byte[1 << 16];
            int n;
            try {
                while ((n = read(in, buf)) > 0) {
                    chunker.accept(buf, n);
                }
                chunker.finish();
                finish(http, o);
            } finally {
                chunker.close();
            }
            accepted = chunker.accepted;
            duplicates = chunker.duplicates;
            rejected = chunker.rejected;
        }
        progress.done();
        Files.deleteIfExists(stateFile);
        System.err.printf(Locale.ROOT, "import %s finished: %,d accepted, %,d already there, %,d refused%s%n", importId, accepted,
                duplicates, rejected, rejected > 0 ? " (see " + reportFile + ")" : "");
    }

    /**
     * Cuts the file into chunks of whole lines, skipping the lines a previous run already sent, and
     * sends each chunk as soon as it holds {@code chunkLines} lines or {@link #MAX_CHUNK_BYTES} bytes.
     */
    private static final class Chunker {
        private final Options o;
        private final HttpClient http;
        private final String importId;
        private final Path reportFile;
        private final Path stateFile;
        private final Properties state;
        private final Progress progress;
        private final CountingStream counted;
        private static final int IN_FLIGHT = 3;
        /**
         * The chunk being filled; chunks are sent straight from their buffer ({@link ChunkBody}), and the
         * buffers of answered chunks are reused, so a chunk's bytes are copied once, from the file's buffer.
         */
        private ChunkBuffer chunk = new ChunkBuffer();
        private final java.util.ArrayDeque<ChunkBuffer> spare = new java.util.ArrayDeque<>();
        /** Below the server's default limit of 128 MiB a chunk (long lines would otherwise exceed it). */
        private static final int MAX_CHUNK_BYTES = 96 << 20;
        /** DuckDB's row group: the rows the store compresses together (see {@link Options#DEFAULT_CHUNK_LINES}). */
        static final int ROW_GROUP = 122_880;
        /** Bytes of the chunk up to the end of its {@link #ROW_GROUP}th line; -1 before it. */
        private int rowGroupBytes = -1;
        private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();
        private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(IN_FLIGHT, r -> {
            Thread t = new Thread(r, "dataeye-import-sender");
            t.setDaemon(true);
            return t;
        });
        private long line = 1;
        private long nextLine;
        private long chunkFirst;
        private int linesInChunk;
        private boolean partial;
        long accepted;
        long duplicates;
        long rejected;

        Chunker(Options o, HttpClient http, String importId, long nextLine, Path reportFile, Path stateFile, Properties state,
                Progress progress, CountingStream counted) {
            this.o = o;
            this.http = http;
            this.importId = importId;
            this.nextLine = nextLine;
            this.chunkFirst = nextLine;
            this.reportFile = reportFile;
            this.stateFile = stateFile;
            this.state = state;
            this.progress = progress;
            this.counted = counted;
        }

        void accept(byte[] buf, int n) throws IOException, InterruptedException {
            // lines to send are copied a run at a time (not line by line), newlines found eight bytes at a
            // time: the client's CPU per event counts against the import's throughput on a shared machine
            int from = 0;
            int i = 0;
            int nl;
            while ((nl = nextNewline(buf, i, n)) >= 0) {
                if (line >= nextLine) {
                    linesInChunk++;
                } else {
                    from = nl + 1; // a line a previous run already sent
                }
                line++;
                i = nl + 1;
                partial = false;
                if (linesInChunk == ROW_GROUP) {
                    rowGroupBytes = chunk.size() + (i - from);
                }
                if (linesInChunk >= o.chunkLines) {
                    chunk.write(buf, from, i - from);
                    from = i;
                    send();
                } else if (linesInChunk > 0 && chunk.size() + (i - from) >= MAX_CHUNK_BYTES) {
                    chunk.write(buf, from, i - from);
                    from = i;
                    sendAtByteLimit();
                }
            }
            chunk.write(buf, from, i - from);
            if (i < n) {
                if (line >= nextLine) {
                    chunk.write(buf, i, n - i);
                }
                partial = true;
            }
        }

        static int nextNewline(byte[] b, int from, int to) {
            return com.dataeye.server.imports.Newlines.next(b, from, to);
        }

        void finish() throws IOException, InterruptedException {
            if (partial) {
                // a last line without a newline still counts (if it was cut short, the server says so)
                if (line >= nextLine) {
                    linesInChunk++;
                }
                line++;
            }
            if (linesInChunk > 0) {
                send();
            }
            drain();
        }

        private void send() throws IOException, InterruptedException {
            ChunkBuffer next = spare.isEmpty() ? new ChunkBuffer() : spare.removeFirst();
            next.reset();
            send(line, next);
            linesInChunk = 0;
        }

        /**
         * Long lines filled a chunk before its line count: cut after exactly one row group of lines when it holds
         * more (a partly filled last row group costs the store a rewrite, see {@link Options#DEFAULT_CHUNK_LINES}),
         * the lines after it start the next chunk.
         */
        private void sendAtByteLimit() throws IOException, InterruptedException {
            if (rowGroupBytes < 0 || linesInChunk == ROW_GROUP) {
                send();
                return;
            }
            ChunkBuffer next = spare.isEmpty() ? new ChunkBuffer() : spare.removeFirst();
            chunk.moveTail(rowGroupBytes, next);
            send(chunkFirst + ROW_GROUP, next);
            linesInChunk -= ROW_GROUP;
        }

        /** Sends the chunk (lines from {@link #chunkFirst} up to {@code nextFirst}); {@code next} is filled on. */
        private void send(long nextFirst, ChunkBuffer next) throws IOException, InterruptedException {
            long first = chunkFirst;
            ChunkBuffer body = chunk;
            long bytesRead = counted.count;
            // chunks in flight: the server reads one while it stores others
            inFlight.add(new InFlight(senders.submit(() -> ImportCommand.send(http, o, importId, first, body)), body, bytesRead));
            chunk = next;
            chunkFirst = nextFirst;
            rowGroupBytes = -1;
            while (inFlight.size() >= IN_FLIGHT) {
                settleOldest();
            }
        }

        /** Waits for every chunk still in flight, in order. */
        void drain() throws IOException, InterruptedException {
            while (!inFlight.isEmpty()) {
                settleOldest();
            }
        }

        /**
         * Takes the answer of the oldest chunk in flight. Answers are taken in file order, so the saved
         * position only moves past lines whose chunk and every earlier one were acknowledged.
         */
        private void settleOldest() throws IOException, InterruptedException {
            InFlight oldest = inFlight.removeFirst();
            JsonNode r;
            try {
                r = oldest.answer().get();
            } catch (java.util.concurrent.ExecutionException e) {
                inFlight.forEach(f -> f.answer().cancel(true));
                senders.shutdownNow();
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
            spare.add(oldest.body()); // answered: the server has read it all
            accepted += r.path("accepted").asLong();
            duplicates += r.path("duplicates").asLong();
            rejected += r.path("rejected").asLong();
            StringBuilder errors = new StringBuilder();
            for (JsonNode err : r.path("errors")) {
                errors.append(err).append('\n');
            }
            if (!errors.isEmpty()) {
                Files.writeString(reportFile, errors, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            nextLine = r.path("next_line").asLong();
            state.setProperty("next_line", Long.toString(nextLine));
            save(state, stateFile);
            progress.show(oldest.bytesRead(), nextLine - 1, accepted, rejected);
        }

        void close() {
            senders.shutdownNow();
        }
    }

    private record InFlight(java.util.concurrent.Future<JsonNode> answer, ChunkBuffer body, long bytesRead) {}

    /** The lines of one chunk, in a buffer that grows as needed and is reused for later chunks. */
    private static final class ChunkBuffer {
        private byte[] bytes = new byte[1 << 20];
        private int size;

        void write(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        /** Moves the bytes from {@code from} on to the (empty) {@code other}: this one ends there. */
        void moveTail(int from, ChunkBuffer other) {
            other.reset();
            other.write(bytes, from, size - from);
            size = from;
        }

        HttpRequest.BodyPublisher publisher() {
            return new ChunkBody(bytes, size);
        }
    }

    /**
     * Reads on; a gzip file cut in the middle ends where its data ends (the torn last line is then
     * reported by the server like any broken line) instead of failing the whole import.
     */
    private static int read(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (java.io.EOFException e) {
            System.err.printf("%nthe compressed file ends in the middle (%s); importing what it holds%n", e.getMessage());
            return -1;
        }
    }

    /**
     * Tells the server the import is over, so the events stored before its identity links are moved
     * to their persons now (the server would also do it once the import has been quiet for a moment).
     */
    private static void finish(HttpClient http, Options o) throws InterruptedException {
        post(http, o, URI.create(o.server + "/api/v1/projects/" + o.project + "/import/finish"), HttpRequest.BodyPublishers.noBody());
    }

    /** Posts one chunk, waiting out 503s and a server that is restarting. */
    private static JsonNode send(HttpClient http, Options o, String importId, long firstLine, ChunkBuffer chunk) throws InterruptedException {
        return post(http, o, URI.create(o.server + "/api/v1/projects/" + o.project + "/import?import_id=" + importId
                + "&first_line=" + firstLine + "&format=" + o.format), chunk.publisher());
    }

    private static JsonNode post(HttpClient http, Options o, URI uri, HttpRequest.BodyPublisher body) throws InterruptedException {
        Duration wait = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + o.key).header("Content-Type", "application/x-ndjson")
                        .POST(body).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
                if (r.statusCode() != 503 && r.statusCode() != 429) {
                    throw new IllegalStateException("the server refused the import (" + r.statusCode() + "): " + r.body());
                }
                wait = Duration.ofSeconds(Long.parseLong(r.headers().firstValue("Retry-After").orElse("2")));
            } catch (IOException e) {
                if (attempt >= 30) {
                    throw new IllegalStateException("cannot reach " + o.server + ": " + e.getMessage()
                            + "; run the same command again to resume", e);
                }
                wait = Duration.ofSeconds(Math.min(10, attempt));
            }
            Thread.sleep(wait.toMillis());
        }
    }

    private static void save(Properties state, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            state.store(out, "DataEye import progress: delete this file to start over");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    record Options(String file, String project, String server, String key, int chunkLines, String format) {

        /**
         * Lines a chunk: 1.6 DuckDB row groups. The store writes a chunk's rows as whole row groups of 122,880 and one
         * partly filled last group. A chunk below one row group is written twice (through the WAL) and a last group
         * at most half full is merged with its neighbours at the next checkpoint — rewritten and compressed again,
         * 5 µs an event, nearly doubling the load (docs/benchmarks.md). 196,608 lines leave a last group of ~74,000
         * rows (more than half), even with 6 % of the lines refused.
         */
        static final int DEFAULT_CHUNK_LINES = 196_608;

        static Options parse(String[] args) throws IOException {
            String file = null;
            String project = "demo";
            String server = "http://localhost:8080";
            String key = System.getenv("DATAEYE_SECRET_KEY");
            int chunkLines = DEFAULT_CHUNK_LINES;
            String format = "native";
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--file" -> file = args[i + 1];
                    case "--project" -> project = args[i + 1];
                    case "--server" -> server = args[i + 1].replaceAll("/+$", "");
                    case "--key" -> key = args[i + 1];
                    case "--chunk-lines" -> chunkLines = Integer.parseInt(args[i + 1]);
                    case "--format" -> format = args[i + 1];
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (file == null) {
                System.err.println("usage: ./dataeye import --file events.ndjson[.gz] [--project demo] [--server http://localhost:8080] "
                        + "[--key sk_…] [--chunk-lines " + DEFAULT_CHUNK_LINES + "] [--format native|sensors]");
                System.exit(2);
            }
            if (key == null && Files.exists(Path.of("data", project + "-secret-key"))) {
                key = Files.readString(Path.of("data", project + "-secret-key")).trim();
            }
            if (key == null) {
                throw new IllegalArgumentException("give the project's secret key with --key or DATAEYE_SECRET_KEY");
            }
            if (!format.equals("native") && !format.equals("sensors")) {
                throw new IllegalArgumentException("--format is native or sensors");
            }
            return new Options(file, project, server, key, chunkLines, format);
        }
    }

    /** Counts the bytes read from the file itself (compressed), for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }

    /** A one-line progress bar on stderr. */
    private static final class Progress {
        private final long totalBytes;
        private final long start = System.nanoTime();

        Progress(long totalBytes) {
            this.totalBytes = Math.max(1, totalBytes);
        }

        void show(long bytes, long lines, long accepted, long rejected) {
            double done = Math.min(1, bytes / (double) totalBytes);
            int filled = (int) (done * 30);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "\r[%s%s] %5.1f%%  %,d lines  %,.0f lines/s  %,d accepted  %,d refused ",
                    "#".repeat(filled), "-".repeat(30 - filled), 100 * done, lines, lines / Math.max(seconds, 1e-3), accepted, rejected);
        }

        void done() {
            System.err.println();
        }
    }
}
