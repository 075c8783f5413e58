package com.dataeye.core.ingest;

import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.EventLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Makes accepted events durable in groups: requests queue their batches, one writer thread takes
 * everything queued (up to {@code maxEventsPerCommit}) and appends it to the {@link EventLog} in one
 * write and one fsync, then
 * completes every waiting request. No timer is involved — while one commit runs the next group
 * gathers, so a lone request commits at once and a busy server commits in large groups.
 *
 * <p>The queue is bounded by events, not requests: when it is full, {@link #submit} refuses at
 * once with {@link OverloadedException} (the collector answers 503 + Retry-After) instead of
 * letting requests pile up until they time out.
 */
public final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private record Pending(CommitBatch batch, CompletableFuture<Void> done) {}

    private final EventLog eventLog;
    private final int maxQueuedItems;
    private final int maxItemsPerCommit;
    private final LongConsumer commitNanos;
    private final DurableEventsListener listener;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedItems = new AtomicInteger();
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommitter(EventLog log, int maxQueuedItems, int maxItemsPerCommit, LongConsumer commitNanos) {
        this(log, maxQueuedItems, maxItemsPerCommit, commitNanos, DurableEventsListener.NONE);
    }

    /** @param listener told about each group's events after they are durable and their requests answered */
    public GroupCommitter(EventLog log, int maxQueuedItems, int maxItemsPerCommit, LongConsumer commitNanos,
                          DurableEventsListener listener) {
        this.listener = listener;
        this.eventLog = log;
        this.maxQueuedItems = maxQueuedItems;
        this.maxItemsPerCommit = maxItemsPerCommit;
        this.commitNanos = commitNanos;
        this.writer = new Thread(this::run, "dataeye-group-commit");
        this.writer.setDaemon(false);
        this.writer.start();
    }

    /** Queues a batch; the future completes when it is durable, or fails with the store's error. */
    public CompletableFuture<Void> submit(CommitBatch batch) {
        if (!running) {
            throw new OverloadedException("the server is shutting down", Duration.ofSeconds(5));
        }
        int items = Math.max(1, batch.size());
        int queued = queuedItems.addAndGet(items);
        // a single batch larger than the whole queue is still taken when nothing else waits
        if (queued > maxQueuedItems && queued != items) {
            queuedItems.addAndGet(-items);
            throw new OverloadedException("commit queue full (" + maxQueuedItems + " events waiting)",
                    Duration.ofSeconds(1));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(batch, done));
        return done;
    }

    /** Events waiting for a commit, a gauge for back-pressure. */
    public int queuedItems() {
        return queuedItems.get();
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int items = first.batch().size();
                Pending next;
                while (items < maxItemsPerCommit && (next = queue.poll()) != null) {
                    group.add(next);
                    items += next.batch().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending> group) {
        List<CommitBatch> batches = new ArrayList<>(group.size());
        int items = 0;
        for (Pending p : group) {
            batches.add(p.batch());
            items += Math.max(1, p.batch().size());
        }
        long start = System.nanoTime();
        CommitBatch merged;
        try {
            merged = CommitBatch.merge(batches);
            if (!merged.isEmpty()) {
                eventLog.append(merged);
            }
            commitNanos.accept(System.nanoTime() - start);
            group.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            LOG.error("commit of {} requests failed", group.size(), e);
            group.forEach(p -> p.done().completeExceptionally(e));
            return;
        } finally {
            queuedItems.addAndGet(-items);
        }
        // after the answers: the listener adds nothing to the time until the 2xx
        try {
            listener.durable(merged.events());
        } catch (RuntimeException e) {
            LOG.warn("durable-events listener failed", e);
        }
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
