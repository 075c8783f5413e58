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
 * Pushes the real-time views to Server-Sent-Event subscribers from one scheduler thread: an overview
 * subscriber gets a snapshot when the overview changed, at most one a second; a live-event
 * subscriber gets the events accepted since its last message, at most {@value #MAX_LIVE_PER_TICK}
 * per tick (with the number it missed when traffic is faster than a screen can show). A comment
 * line every 15 s keeps idle connections open through proxies.
 */
@Component
class StreamHub implements SmartLifecycle {

    static final Duration TICK = Duration.ofMillis(200);
    static final Duration MIN_SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    static final int MAX_LIVE_PER_TICK = 100;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final Overview overview;
    private final LiveEvents live;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dataeye-sse");
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
        ticker.execute(() -> tickOne(s)); // the first snapshot at once
        return s.emitter;
    }

    SseEmitter live(String project, int backlog) {
        LiveSubscriber s = new LiveSubscriber(project, Math.max(0, live.lastSeq(project) - backlog));
        subscribers.add(s);
        ticker.execute(() -> tickOne(s));
        return s.emitter;
    }

    private void tick() {
        for (Subscriber s : subscribers) {
            tickOne(s);
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
            // the client went away
            s.closed = true;
            subscribers.remove(s);
            s.emitter.completeWithError(e);
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
