package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;
import com.dataeye.core.ingest.DurableEventsListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds durable events into the {@link Overview} and the {@link LiveEvents} on a thread of its own,
 * so the commit path only enqueues a list (one queue operation per commit, not per event). The queue
 * is bounded: when the speed layer falls more than {@code maxQueuedEvents} behind, further groups
 * are dropped from the real-time view (never from the store) and counted in {@link #dropped()}.
 */
public final class SpeedLayer implements DurableEventsListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpeedLayer.class);

    private final Overview overview;
    private final LiveEvents live;
    private final int maxQueuedEvents;
    private final BlockingQueue<List<Event>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;

    public SpeedLayer(Overview overview, LiveEvents live, int maxQueuedEvents) {
        this.overview = overview;
        this.live = live;
        this.maxQueuedEvents = maxQueuedEvents;
        this.worker = new Thread(this::run, "dataeye-speed-layer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    @Override
    public void durable(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        if (queued.addAndGet(events.size()) > maxQueuedEvents) {
            queued.addAndGet(-events.size());
            dropped.addAndGet(events.size());
            return;
        }
        queue.add(events);
    }

    /** Events left out of the real-time view because the speed layer fell too far behind. */
    public long dropped() {
        return dropped.get();
    }

    /** Events folded in so far. */
    public long applied() {
        return applied.get();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                List<Event> group = queue.poll(100, TimeUnit.MILLISECONDS);
                if (group == null) {
                    continue;
                }
                for (Event e : group) {
                    try {
                        overview.accept(e.projectId(), CountedEvent.of(e));
                        live.append(e);
                    } catch (RuntimeException ex) {
                        LOG.warn("speed layer skipped event {}: {}", e.eventId(), ex.toString());
                    }
                }
                queued.addAndGet(-group.size());
                applied.addAndGet(group.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
