package com.dataeye.sdk.internals;

import com.dataeye.sdk.BufferFullException;
import com.dataeye.sdk.ClientMetrics;
import com.dataeye.sdk.Clock;
import com.dataeye.sdk.DataEyeConfig;
import com.dataeye.sdk.OnFull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer between application threads and the sender (Kafka's {@code RecordAccumulator}).
 * Each event's JSON is copied into the open {@link Batch}; a batch is sealed when it reaches
 * {@code max.batch.events} or {@code max.batch.bytes}, and the sender takes sealed batches, or the
 * open one once its first event has waited {@code linger.ms} or a flush asks for it.
 *
 * <p>An event holds its room from {@link #append} until the sender {@link #complete completes} its
 * batch, acknowledged or failed, so the caps bound all the memory the client holds, including the
 * batch in flight and retried while the collector is down.
 *
 * <p>One lock guards everything. Appending holds it for a copy of a few hundred bytes, never for
 * JSON writing or I/O; the sender takes it once per batch. Batches complete in the order they were
 * filled (one sender), so "{@code n} events completed" means every event accepted before them is
 * done: a single number that {@link #awaitCompleted flush} waits on.
 */
public final class EventBuffer {

    private final int maxEvents;
    private final long maxBytes;
    private final int batchEvents;
    private final long batchBytes;
    private final long lingerNanos;
    private final OnFull onFull;
    private final long maxBlockNanos;
    private final Clock clock;
    private final Counters counters;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomFreed = lock.newCondition();
    private final Condition workArrived = lock.newCondition();
    private final Condition batchCompleted = lock.newCondition();

    private final ArrayDeque<Batch> sealed = new ArrayDeque<>();
    private Batch open;
    private int capacityHint;
    private long heldEvents;
    private long heldBytes;
    private long accepted;
    private long completed;
    private long flushTarget;
    private boolean closed;

    public EventBuffer(DataEyeConfig config, Clock clock, Counters counters) {
        this.maxEvents = config.bufferMaxEvents();
        this.maxBytes = config.bufferMaxBytes();
        this.batchEvents = config.maxBatchEvents();
        this.batchBytes = config.maxBatchBytes();
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
        this.onFull = config.onFull();
        this.maxBlockNanos = TimeUnit.MILLISECONDS.toNanos(config.maxBlockMs());
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Queues an event's JSON. When the buffer is full it blocks or drops, as configured.
     *
     * @return {@code false} when the event was dropped
     * @throws BufferFullException   when it stayed full for {@code max.block.ms}
     * @throws IllegalStateException when the buffer is closed
     */
    public boolean append(byte[] json) throws InterruptedException {
        lock.lock();
        try {
            checkOpen();
            if (!hasRoomFor(json.length)) {
                if (onFull == OnFull.DROP_NEWEST) {
                    counters.dropped();
                    return false;
                }
                awaitRoomFor(json.length);
            }
            heldEvents++;
            heldBytes += json.length;
            accepted++;
            if (open != null && open.bodyBytesWith(json.length) > batchBytes) {
                sealOpen();
            }
            if (open == null) {
                open = new Batch(capacityHint, clock.nanoTime());
                workArrived.signal(); // the sender starts lingering
            }
            open.add(json);
            if (open.events() >= batchEvents) {
                sealOpen();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void awaitRoomFor(int bytes) throws InterruptedException {
        long start = clock.nanoTime();
        long deadline = start + maxBlockNanos;
        try {
            while (!hasRoomFor(bytes)) {
                checkOpen();
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    throw new BufferFullException("the DataEye buffer stayed full for " + TimeUnit.NANOSECONDS.toMillis(maxBlockNanos)
                            + " ms (max.block.ms) with " + heldEvents + " events, " + heldBytes + " bytes (buffer.max.events "
                            + maxEvents + ", buffer.max.bytes " + maxBytes + "): the collector is unreachable or slower than "
                            + "this application; the event was not queued");
                }
                clock.await(roomFreed, left);
            }
        } finally {
            counters.blocked(clock.nanoTime() - start);
        }
    }

    private boolean hasRoomFor(int bytes) {
        return heldEvents < maxEvents && heldBytes + bytes <= maxBytes;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the DataEye client is closed");
        }
    }

    private void sealOpen() {
        open.seal();
        capacityHint = open.length() + open.length() / 8;
        sealed.add(open);
        open = null;
        workArrived.signal();
    }

    /**
     * The next batch, for the sender: a sealed one, or the open one once it has lingered long
     * enough, a flush asks for it, or the buffer is closing.
     *
     * @return {@code null} once the buffer is closed and empty: the sender's signal to stop
     */
    public Batch nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (!sealed.isEmpty()) {
                    return sealed.poll();
                }
                if (open == null) {
                    if (closed) {
                        return null;
                    }
                    clock.await(workArrived, Long.MAX_VALUE);
                    continue;
                }
                long lingerLeft = open.openedAtNanos() + lingerNanos - clock.nanoTime();
                if (closed || flushTarget > completed || lingerLeft <= 0) {
                    sealOpen();
                    return sealed.poll();
                }
                clock.await(workArrived, lingerLeft);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The sender is done with this batch (delivered or failed): its room is free again. */
    public void complete(Batch batch) {
        lock.lock();
        try {
            heldEvents -= batch.events();
            heldBytes -= batch.length() - (batch.events() - 1);
            completed += batch.events();
            roomFreed.signalAll();
            batchCompleted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the sender to send everything accepted so far without lingering; returns the count to wait for. */
    public long requestFlush() {
        lock.lock();
        try {
            flushTarget = Math.max(flushTarget, accepted);
            workArrived.signal();
            return accepted;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code count} events have been completed. */
    public void awaitCompleted(long count) throws InterruptedException {
        lock.lock();
        try {
            while (completed < count) {
                batchCompleted.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more appends; the sender sends what is left without lingering, then stops. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            workArrived.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes every batch not yet sent, for a sender that stops before delivering them. */
    public List<Batch> takeUnsent() {
        lock.lock();
        try {
            if (open != null) {
                sealOpen();
            }
            List<Batch> rest = new ArrayList<>(sealed);
            sealed.clear();
            return rest;
        } finally {
            lock.unlock();
        }
    }

    /** The counters with what the buffer holds now. */
    public ClientMetrics metrics() {
        lock.lock();
        try {
            return counters.snapshot(heldEvents, heldBytes);
        } finally {
            lock.unlock();
        }
    }
}
