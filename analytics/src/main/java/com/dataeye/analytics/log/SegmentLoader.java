package com.dataeye.analytics.log;

import com.dataeye.analytics.store.DuckDbEventStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves the event log into DuckDB: every {@code interval} (or sooner, when a segment grows past
 * {@code maxSegmentBytes} or a reader asks to {@link #catchUp}) it seals the open segment and loads
 * every sealed one, oldest first, each in one transaction that also records it as loaded; then
 * deletes the file. On start, {@link #recover} loads what a crash left behind before anything is
 * served, so the store, the dedup window and the identity links are complete again.
 */
public final class SegmentLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SegmentLoader.class);

    private final SegmentLog segments;
    private final DuckDbEventStore store;
    private final Duration interval;
    private final long maxSegmentBytes;
    private final ReentrantLock loading = new ReentrantLock();
    private final Condition wake = loading.newCondition();
    private static final int MAX_ATTEMPTS = 3;

    private volatile boolean running;
    private int failures;
    private volatile int setAside;
    private Thread thread;

    public SegmentLoader(SegmentLog segments, DuckDbEventStore store, Duration interval, long maxSegmentBytes) {
        this.segments = segments;
        this.store = store;
        this.interval = interval;
        this.maxSegmentBytes = maxSegmentBytes;
    }

    /** Loads every segment a previous run left, repairing a torn tail first. Call before serving. */
    public void recover() {
        long loaded = store.loadedThrough();
        int recovered = 0;
        for (long seq : segments.sealedSegments()) {
            Path file = segments.path(seq);
            try {
                if (seq <= loaded || Files.size(file) == 0) {
                    Files.deleteIfExists(file);
                    continue;
                }
                SegmentLog.repairTail(file);
                loadRetrying(file, seq);
                Files.deleteIfExists(file);
                recovered++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot recover event log segment " + file, e);
            }
        }
        if (recovered > 0) {
            log.info("recovered {} event log segment(s) left by the previous run", recovered);
        }
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "dataeye-segment-loader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads everything acknowledged so far, so a reader sees its own writes. */
    public void catchUp() {
        loading.lock();
        try {
            loadAll();
        } finally {
            loading.unlock();
        }
    }

    private void run() {
        while (running) {
            loading.lock();
            try {
                long deadline = System.nanoTime() + interval.toNanos();
                long left;
                // wake every 50 ms to see whether the open segment outgrew maxSegmentBytes
                while (running && segments.currentBytes() < maxSegmentBytes && (left = deadline - System.nanoTime()) > 0) {
                    wake.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                }
                loadAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the segment stays on disk and is tried again; nothing acknowledged is lost
                log.error("loading the event log into the store failed; retrying", e);
                sleepQuietly();
            } finally {
                loading.unlock();
            }
        }
    }

    private void loadAll() {
        segments.seal();
        for (long seq : segments.sealedSegments()) {
            Path file = segments.path(seq);
            try {
                if (Files.size(file) > 0) {
                    load(file, seq, segments.holdsOtherRecords(seq));
                }
                segments.loaded(seq);
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("segment {} could not be read or deleted: {}", file, e.getMessage());
            }
        }
    }

    /**
     * Loads one segment; a segment that fails {@link #MAX_ATTEMPTS} times in a row is moved to
     * {@code failed/} beside the log (kept, never deleted) so that one bad file cannot stop every
     * later one from reaching the store.
     */
    private void load(Path file, long seq, boolean holdsOtherRecords) throws IOException {
        try {
            store.loadSegment(file, seq, holdsOtherRecords);
            failures = 0;
        } catch (RuntimeException e) {
            if (++failures < MAX_ATTEMPTS) {
                throw e;
            }
            failures = 0;
            Path failed = file.resolveSibling("failed");
            Files.createDirectories(failed);
            Files.move(file, failed.resolve(file.getFileName()));
            setAside++;
            log.error("event log segment {} failed to load {} times; moved to {} for inspection", file, MAX_ATTEMPTS, failed, e);
        }
    }

    private void loadRetrying(Path file, long seq) throws IOException {
        while (true) {
            try {
                load(file, seq, true);
                return;
            } catch (RuntimeException e) {
                log.warn("recovering segment {} failed, trying again: {}", file, e.getMessage());
            }
        }
    }

    /** Segments moved aside after repeated load failures since start (a metric: should stay 0). */
    public int segmentsSetAside() {
        return setAside;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the background loader and loads what is left. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            loading.lock();
            try {
                wake.signalAll();
            } finally {
                loading.unlock();
            }
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        catchUp();
    }
}
