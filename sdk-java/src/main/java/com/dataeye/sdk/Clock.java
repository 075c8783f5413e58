package com.dataeye.sdk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * Every notion of time the client uses: wall time for {@code timestamp} and {@code sent_at},
 * monotonic time for lingering, blocking and backoff, and the waiting itself. Injected so tests
 * run on a clock they move by hand (this SDK's own tests do) and never sleep for real. Modelled on
 * Kafka's {@code Time}.
 */
public interface Clock {

    /** Wall time, milliseconds since the epoch. */
    long currentTimeMillis();

    /** Monotonic time for measuring intervals, nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Pauses the calling thread, e.g. between retries. */
    void sleep(long millis) throws InterruptedException;

    /**
     * Waits on {@code condition}, whose lock the caller holds, for at most {@code nanos} of this
     * clock's time. May return early — signalled, spuriously, or (for a hand-moved clock) to let
     * the caller look at the time again — so callers wait in a loop that re-checks their deadline.
     */
    void await(Condition condition, long nanos) throws InterruptedException;

    /** The real clock. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock. */
    enum SystemClock implements Clock {
        INSTANCE;

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(millis);
        }

        @Override
        public void await(Condition condition, long nanos) throws InterruptedException {
            condition.awaitNanos(nanos);
        }
    }
}
