package com.dataeye.sdk.support;

import com.dataeye.sdk.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;

/**
 * A clock that moves only when told ({@link #advance}) or when someone sleeps on it: sleeping
 * returns at once, moves the time, and is recorded, so backoff is asserted exactly and tests never
 * wait for it. Waits on conditions return every millisecond of real time so that waiters see time
 * moved by another thread.
 */
public final class FakeClock implements Clock {

    public static final Instant START = Instant.parse("2026-11-25T02:00:00Z");

    private final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1000));
    private final long originNanos = nanos.get();
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long currentTimeMillis() {
        return START.toEpochMilli() + TimeUnit.NANOSECONDS.toMillis(nanos.get() - originNanos);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(millis);
        advance(Duration.ofMillis(millis));
    }

    @Override
    public void await(Condition condition, long nanos) throws InterruptedException {
        condition.await(1, TimeUnit.MILLISECONDS);
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    public Instant now() {
        return Instant.ofEpochMilli(currentTimeMillis());
    }

    /** Every sleep so far, in milliseconds: the backoff delays. */
    public List<Long> sleeps() {
        return List.copyOf(sleeps);
    }
}
