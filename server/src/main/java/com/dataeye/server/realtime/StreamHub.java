package com.dataeye.server.realtime;

import com.dataeye.core.realtime.LiveEvents;
import com.dataeye.core.realtime.Overview;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the real-time views to Server-Sent-Event subscribers: one scheduler thread decides every
 * {@link #TICK} who is due, and a small pool writes, at most one write per subscriber at a time. A
 * write blocks while the client does not read; on the scheduler thread one such client stalled every
 * stream of the server, so a subscriber whose write has not finished within {@link #STUCK_AFTER} is
 * dropped instead. An overview
 * subscriber gets a snapshot when the overview changed, at most one a second; a live-event
 * subscriber gets the events accepted since its last message, at most {@value #MAX_LIVE_PER_TICK}
 * per tick (with the number it missed when traffic is faster than a screen can show). A comment
 * line every 15 s keeps idle connections open through proxies.
 */
@Component
class StreamHub implements SmartLifecycle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamHub.class);

    static final Duration TICK = Duration.ofMillis(200);
    static final Duration MIN_SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    static final int MAX_LIVE_PER_TICK = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
    static final Duration STUCK_AFTER = Duration.ofSeconds(10);
    private static final int MAX_WRITERS = 32;

    private final Overview overview;
    private final LiveEvents live;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataeye-sse");
        t.setDaemon(true);
        return t;
    });

    private final java.util.concurrent.ThreadPoolExecutor writers = new java.util.concurrent.ThreadPoolExecutor(
            0, MAX_WRITERS, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dataeye-sse-writer");
                t.setDaemon(true);
                return t;
            });

    StreamHub(Overview overview, LiveEvents live) {
        this.overview = overview;
        this.live = live;
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private abstract static class Subscriber {
        final String project;
        final SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        long lastSentNanos = System.nanoTime();
        volatile boolean closed;
        /** When the write in progress started, or 0 when none is. */
        final java.util.concurrent.atomic.AtomicLong writingSince = new java.util.concurrent.atomic.AtomicLong();

        Subscriber(String project) {
            this.project = project;
            emitter.onCompletion(() -> closed = true);
            emitter.onTimeout(() -> closed = true);
            emitter.onError(e -> closed = true);
        }

        void send(String name, String id, Object data) throws IOException {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON);
            emitter.send(id == null ? event : event.id(id));
            lastSentNanos = System.nanoTime();
        }
    }

    private static final class OverviewSubscriber extends Subscriber {
        final int hours;
        long lastVersion = -1;

        OverviewSubscriber(String project, int hours) {
            super(project);
            this.hours = hours;
        }
    }

    private static final class LiveSubscriber extends Subscriber {
        long lastSeq;

        LiveSubscriber(String project, long lastSeq) {
            super(project);
            this.lastSeq = lastSeq;
        }
    }

    SseEmitter overview(String project, int hours) {
        OverviewSubscriber s = new OverviewSubscriber(project, hours);
        s.lastSentNanos = 0;
        subscribers.add(s);
        ticker.execute(() -> dispatch(s)); // the first snapshot at once
        return s.emitter;
    }

    SseEmitter live(String project, int backlog) {
        LiveSubscriber s = new LiveSubscriber(project, Math.max(0, live.lastSeq(project) - backlog));
        // a quiet project has nothing to send yet: a keep-alive at once commits the response, or the
        // browser would show "connecting" until the first heartbeat
        s.lastSentNanos = System.nanoTime() - HEARTBEAT.toNanos();
        subscribers.add(s);
        ticker.execute(() -> dispatch(s));
        return s.emitter;
    }

    private void tick() {
        // an exception leaving a fixed-delay task cancels it for good, silently: no stream would move again
        try {
            for (Subscriber s : subscribers) {
                dispatch(s);
            }
        } catch (RuntimeException e) {
            LOG.error("real-time stream tick failed", e);
        }
    }

    /** Hands the subscriber to a writer unless its last write is still going on (then maybe drops it). */
    private void dispatch(Subscriber s) {
        long now = System.nanoTime();
        if (!s.writingSince.compareAndSet(0, now)) {
            if (now - s.writingSince.get() > STUCK_AFTER.toNanos()) {
                // not completed here: completing waits for the emitter's lock, which the blocked write
                // holds; the write ends with the connection (client gone, or the stream's timeout)
                s.closed = true;
                subscribers.remove(s);
            }
            return;
        }
        try {
            writers.execute(() -> {
                try {
                    tickOne(s);
                } finally {
                    s.writingSince.set(0);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            s.writingSince.set(0); // every writer is blocked on a client: try again next tick
        }
    }

    private void drop(Subscriber s, Exception why) {
        s.closed = true;
        subscribers.remove(s);
        try {
            s.emitter.completeWithError(why);
        } catch (RuntimeException ignored) {
            // already completed
        }
    }

    private void tickOne(Subscriber s) {
        if (s.closed) {
            subscribers.remove(s);
            return;
        }
        try {
            if (s instanceof OverviewSubscriber o) {
                long version = overview.version(o.project);
                if (version != o.lastVersion && System.nanoTime() - o.lastSentNanos >= MIN_SNAPSHOT_INTERVAL.toNanos()) {
                    o.lastVersion = version;
                    o.send("snapshot", Long.toString(version), overview.snapshot(o.project, o.hours));
                    return;
                }
            } else if (s instanceof LiveSubscriber l) {
                LiveEvents.Page page = live.after(l.project, l.lastSeq, MAX_LIVE_PER_TICK);
                if (!page.events().isEmpty() || page.skipped() > 0) {
                    l.lastSeq = page.lastSeq();
                    l.send("events", Long.toString(page.lastSeq()), Map.of("events", page.events(), "skipped", page.skipped()));
                    return;
                }
            }
            if (System.nanoTime() - s.lastSentNanos >= HEARTBEAT.toNanos()) {
                s.emitter.send(SseEmitter.event().comment("keep-alive"));
                s.lastSentNanos = System.nanoTime();
            }
        } catch (IOException | IllegalStateException e) {
            drop(s, e); // the client went away
        } catch (RuntimeException e) {
            // a failure for one subscriber must not end the others' streams
            LOG.warn("dropping the {} stream of project {}: {}", s.getClass().getSimpleName(), s.project, e.toString(), e);
            drop(s, e);
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private volatile boolean running = true;

    @Override
    public void start() {
        running = true;
    }

    /** Ends the open streams before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        writers.shutdownNow();
        subscribers.forEach(s -> s.emitter.complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
