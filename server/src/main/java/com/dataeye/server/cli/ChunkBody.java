package com.dataeye.server.cli;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body of the first {@code length} bytes of an array, handed to the HTTP client as views of the
 * array itself. The JDK's {@code BodyPublishers.ofByteArray} copies the whole body into fresh 16 KiB
 * buffers first: for a 48 MB chunk that was half of the import client's CPU. The array must not change
 * until the request has been answered.
 */
final class ChunkBody implements HttpRequest.BodyPublisher {

    /** Bytes per buffer given to the client: a socket write's worth, so the demand protocol costs nothing. */
    private static final int SLICE = 1 << 18;

    private final byte[] bytes;
    private final int length;

    ChunkBody(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        // each subscription sends the body from its start (the client subscribes again for a retried request)
        subscriber.onSubscribe(new Slices(subscriber));
    }

    /** Hands out the slices as they are asked for; reentrant calls of request (from onNext) only add demand. */
    private final class Slices implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger draining = new AtomicInteger();
        private volatile boolean cancelled;
        private int position;
        private boolean completed;

        Slices(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (draining.getAndIncrement() != 0) {
                return; // the call below on the stack sends them
            }
            do {
                drain();
            } while (draining.decrementAndGet() != 0);
        }

        private void drain() {
            while (!cancelled && !completed && position < length && demand.get() > 0) {
                int n = Math.min(SLICE, length - position);
                ByteBuffer slice = ByteBuffer.wrap(bytes, position, n).slice();
                position += n;
                demand.decrementAndGet();
                subscriber.onNext(slice);
            }
            if (!cancelled && !completed && position >= length) {
                completed = true;
                subscriber.onComplete();
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
