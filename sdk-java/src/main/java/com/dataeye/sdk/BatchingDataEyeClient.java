package com.dataeye.sdk;

import com.dataeye.sdk.internals.BatchDelivery;
import com.dataeye.sdk.internals.Counters;
import com.dataeye.sdk.internals.EventBuffer;
import com.dataeye.sdk.internals.EventSerializer;
import com.dataeye.sdk.internals.Sender;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * The DataEye client: queues events in memory and sends them in batches from one background
 * thread, so tracking never waits for the network.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * DataEyeConfig config = DataEyeConfig.builder()
 *         .endpoint("https://dataeye.example.com")
 *         .writeKey("wk_JjQBg8NXPmJH96TWMywAmszE")
 *         .build();
 * DataEyeClient dataeye = BatchingDataEyeClient.builder(config)
 *         .listener(f -> log.warn("DataEye refused {}: {} {}", f.eventId(), f.code(), f.message()))
 *         .build();
 *
 * dataeye.track(Event.track("order_paid").loginId("user-42")
 *         .property("order_id", "o-1001").property("amount", 39.9).build());
 * dataeye.profileIncrement("user-42", Map.of("orders", 1));
 *
 * dataeye.close();   // on shutdown: delivers what is queued, up to close.timeout.ms
 * }</pre>
 * One client serves the whole application; every method may be called from any thread.
 *
 * <h2>What happens to an event</h2>
 * <ol>
 *   <li>{@code send} stamps it ({@code timestamp} from the clock; the {@code event_id} was set by
 *       {@link Event.Builder#build()}), writes its JSON on the calling thread — an event over
 *       32 KiB is refused right there with {@link EventTooLargeException} — and appends it to the
 *       buffer.</li>
 *   <li>The sender thread takes up to {@code max.batch.events} events and {@code max.batch.bytes}
 *       bytes as soon as a batch is full, the oldest event has waited {@code linger.ms}, or
 *       {@link #flush()} asks, and posts them gzipped to {@code POST /api/v1/events} with the
 *       write key in {@code X-Write-Key} and {@code sent_at} set at each attempt.</li>
 *   <li>Network errors, 429 and 5xx are retried with exponential backoff and jitter (at least the
 *       collector's {@code Retry-After}), up to {@code retry.max.attempts}. Because the
 *       {@code event_id}s stay the same, the collector stores each event once even when an answer
 *       was lost. Other 4xx are not retried.</li>
 *   <li>Each event ends as sent, or as failed and reported to the {@link DeliveryListener} with the
 *       collector's code ({@code invalid_property_type} …) or the SDK's
 *       ({@link DeliveryFailure#RETRIES_EXHAUSTED} …).</li>
 * </ol>
 *
 * <h2>When the collector cannot keep up</h2>
 * Events hold memory from {@code send} until they are acknowledged or failed, capped by
 * {@code buffer.max.events} and {@code buffer.max.bytes}. A full buffer means the collector is down
 * or slower than your traffic; {@code on.full} decides what {@code send} does then:
 * {@link OnFull#BLOCK} waits up to {@code max.block.ms} and then throws {@link BufferFullException};
 * {@link OnFull#DROP_NEWEST} returns {@code false} at once and counts the event as dropped. Watch
 * {@link #metrics()}: queued events, sent, failed, dropped, retries, batches, and the time your
 * threads spent blocked.
 *
 * <h2>Testing</h2>
 * Code that tracks events is best tested with {@link RecordingDataEyeClient}. To test the client's
 * own timing and failure handling, inject a {@link Clock} and an {@link HttpTransport} through the
 * {@link Builder}.
 */
public final class BatchingDataEyeClient implements DataEyeClient {

    private final DataEyeConfig config;
    private final Clock clock;
    private final HttpTransport transport;
    private final boolean ownsTransport;
    private final EventSerializer serializer = new EventSerializer();
    private final EventBuffer buffer;
    private final Thread senderThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchingDataEyeClient(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? JdkHttpTransport.from(config) : b.transport;
        Counters counters = new Counters();
        this.buffer = new EventBuffer(config, clock, counters);
        BatchDelivery delivery = new BatchDelivery(config, transport, clock, counters, b.listener, b.random);
        this.senderThread = new Thread(new Sender(buffer, delivery), "dataeye-sender");
        senderThread.setDaemon(true);
        senderThread.start();
    }

    public static Builder builder(DataEyeConfig config) {
        return new Builder(config);
    }

    @Override
    public boolean send(Event event) {
        Objects.requireNonNull(event, "event");
        if (closed.get()) {
            throw new IllegalStateException("the DataEye client is closed");
        }
        Event stamped = event.stampedAt(Instant.ofEpochMilli(clock.currentTimeMillis()));
        byte[] json = serializer.toJson(stamped);
        try {
            return buffer.append(json);
        } catch (InterruptedException e) {
            throw new SdkInterruptedException("interrupted while waiting for room in the DataEye buffer", e);
        }
    }

    @Override
    public void flush() {
        long target = buffer.requestFlush();
        try {
            buffer.awaitCompleted(target);
        } catch (InterruptedException e) {
            throw new SdkInterruptedException("interrupted while flushing DataEye events", e);
        }
    }

    @Override
    public ClientMetrics metrics() {
        return buffer.metrics();
    }

    @Override
    public void close() {
        close(Duration.ofMillis(config.closeTimeoutMs()));
    }

    @Override
    public void close(Duration timeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        buffer.close();
        try {
            senderThread.join(Math.max(1, timeout.toMillis()));
            if (senderThread.isAlive()) {
                senderThread.interrupt();
                senderThread.join();
            }
        } catch (InterruptedException e) {
            senderThread.interrupt();
            Thread.currentThread().interrupt();
        } finally {
            if (ownsTransport) {
                transport.close();
            }
        }
    }

    /** Builds a client; the collaborators are optional and default to the real ones. */
    public static final class Builder {
        private final DataEyeConfig config;
        private Clock clock = Clock.system();
        private HttpTransport transport;
        private DeliveryListener listener = DeliveryListener.none();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(DataEyeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The time source for timestamps, lingering, blocking and backoff. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How requests are sent; default {@link JdkHttpTransport}. A transport given here is not closed by the client. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Hears about each event that will not be stored. */
        public Builder listener(DeliveryListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The source of backoff jitter, numbers in [0, 1); for tests that need exact delays. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Creates the client and starts its sender thread. */
        public BatchingDataEyeClient build() {
            return new BatchingDataEyeClient(this);
        }
    }
}
