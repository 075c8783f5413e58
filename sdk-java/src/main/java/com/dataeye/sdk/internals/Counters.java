package com.dataeye.sdk.internals;

import com.dataeye.sdk.ClientMetrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The client's counters, written by application threads and the sender without locking. */
public final class Counters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder blockedNanos = new LongAdder();

    public void sent(long events) {
        sent.add(events);
    }

    public void failed(long events) {
        failed.add(events);
    }

    public void dropped() {
        dropped.increment();
    }

    public void retried() {
        retries.increment();
    }

    public void batchAnswered() {
        batches.increment();
    }

    public void blocked(long nanos) {
        blockedNanos.add(nanos);
    }

    public ClientMetrics snapshot(long queuedEvents, long queuedBytes) {
        return new ClientMetrics(queuedEvents, queuedBytes, sent.sum(), failed.sum(), dropped.sum(), retries.sum(),
                batches.sum(), Duration.ofNanos(blockedNanos.sum()));
    }
}
