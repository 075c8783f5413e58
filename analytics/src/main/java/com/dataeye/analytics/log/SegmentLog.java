package com.dataeye.analytics.log;

import com.dataeye.analytics.store.SegmentFormat;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.EventLog;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded event log: numbered segment files of JSON lines, one record a line (an event, an
 * identity link or a quarantined event). {@link #append} writes a whole group with one write and one
 * fsync, which is what makes a 2xx durable; the {@link SegmentLoader} later moves sealed segments into
 * DuckDB in large batches, where appends are cheap per row.
 *
 * <p>Columns use the event table's names, so DuckDB's JSON reader loads a segment directly. A crash
 * can leave a torn last line in the newest segment; it was never acknowledged, and
 * {@link #repairTail} cuts it off before loading.
 */
public final class SegmentLog implements EventLog, AutoCloseable {

    private static final Pattern NAME = Pattern.compile("segment-(\\d{12})\\.jsonl");

    private final Path dir;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
    private long currentSeq;
    private FileChannel current;
    private long currentBytes;
    private final long firstSeqOfThisRun;
    private final java.util.Set<Long> segmentsWithOtherRecords = new java.util.HashSet<>();

    public SegmentLog(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            long newest = segments().stream().mapToLong(Long::longValue).max().orElse(0);
            firstSeqOfThisRun = newest + 1;
            open(firstSeqOfThisRun);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event log in " + dir, e);
        }
    }

    @Override
    public synchronized void append(CommitBatch batch) {
        buffer.reset();
        if (SegmentFormat.holdsOtherRecords(batch)) {
            segmentsWithOtherRecords.add(currentSeq);
        }
        SegmentFormat.write(batch, buffer);
        try {
            ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
            while (bytes.hasRemaining()) {
                current.write(bytes);
            }
            current.force(false);
            currentBytes += buffer.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the event log segment " + path(currentSeq), e);
        }
    }

    /**
     * Closes the current segment, if it holds anything, and starts the next.
     *
     * @return the number of the segment just sealed
     */
    public synchronized OptionalLong seal() {
        if (currentBytes == 0) {
            return OptionalLong.empty();
        }
        long sealed = currentSeq;
        try {
            current.close();
            open(sealed + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new event log segment", e);
        }
        return OptionalLong.of(sealed);
    }

    /** Sealed segments, oldest first: every segment but the one being written. */
    public synchronized List<Long> sealedSegments() {
        try {
            return segments().stream().filter(s -> s < currentSeq).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a segment may hold identity links or quarantined events (always assumed for a previous run's). */
    public synchronized boolean holdsOtherRecords(long seq) {
        return seq < firstSeqOfThisRun || segmentsWithOtherRecords.contains(seq);
    }

    /** Forgets what is known about a loaded segment. */
    public synchronized void loaded(long seq) {
        segmentsWithOtherRecords.remove(seq);
    }

    public Path path(long seq) {
        return dir.resolve(String.format("segment-%012d.jsonl", seq));
    }

    /** Bytes written to the open segment, for metrics and to seal early when it grows large. */
    public synchronized long currentBytes() {
        return currentBytes;
    }

    /** Cuts a torn last line (a write the crash interrupted, never acknowledged) off a segment. */
    public static void repairTail(Path segment) throws IOException {
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
        }
    }

    private List<Long> segments() throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    seqs.add(Long.parseLong(m.group(1)));
                }
            });
        }
        return seqs;
    }

    private void open(long seq) throws IOException {
        currentSeq = seq;
        current = FileChannel.open(path(seq), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentBytes = current.size();
        // the new file's directory entry must survive a crash too
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the data fsyncs still hold
        }
    }

    @Override
    public synchronized void close() {
        try {
            current.close();
            if (currentBytes == 0) {
                Files.deleteIfExists(path(currentSeq));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
