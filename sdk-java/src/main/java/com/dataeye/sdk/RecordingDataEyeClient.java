package com.dataeye.sdk;

import com.dataeye.sdk.internals.EventSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link DataEyeClient} for your own tests (as Kafka's {@code MockProducer}): it keeps every
 * event in memory, in order, instead of sending it. Hand it to the code under test, then assert on
 * what was tracked:
 *
 * <pre>{@code
 * RecordingDataEyeClient dataeye = new RecordingDataEyeClient();
 * new CheckoutService(dataeye).pay("user-42", order);
 *
 * assertThat(dataeye.eventNames()).containsExactly("order_paid");
 * assertThat(dataeye.tracked("order_paid").get(0).property("amount")).isEqualTo(39.9);
 * }</pre>
 *
 * <p>It checks events as the real client does — an event over 32 KiB throws
 * {@link EventTooLargeException}, a property Jackson cannot write throws
 * {@link IllegalArgumentException}, sending after {@link #close()} throws — so those mistakes show
 * up in your tests too. Thread-safe.
 */
public final class RecordingDataEyeClient implements DataEyeClient {

    private final Clock clock;
    private final EventSerializer serializer = new EventSerializer();
    private final List<Event> events = new ArrayList<>();
    private int flushes;
    private boolean closed;

    /** Timestamps events by the system clock. */
    public RecordingDataEyeClient() {
        this(Clock.system());
    }

    /** Timestamps events by {@code clock}. */
    public RecordingDataEyeClient(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean send(Event event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException("the DataEye client is closed");
        }
        Event stamped = event.stampedAt(Instant.ofEpochMilli(clock.currentTimeMillis()));
        serializer.toJson(stamped);
        events.add(stamped);
        return true;
    }

    /** Every event sent, in order, with its timestamp. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The events that match. */
    public synchronized List<Event> events(Predicate<Event> filter) {
        return events.stream().filter(filter).toList();
    }

    /** The {@code track} events named {@code name}. */
    public List<Event> tracked(String name) {
        return events(e -> e.type() == EventType.TRACK && name.equals(e.name()));
    }

    /** The events of one type, such as {@link EventType#PROFILE_SET}. */
    public List<Event> events(EventType type) {
        return events(e -> e.type() == type);
    }

    /** The names of the {@code track} events, in order: the shortest assertion on "what did it track". */
    public synchronized List<String> eventNames() {
        return events.stream().filter(e -> e.type() == EventType.TRACK).map(Event::name).toList();
    }

    /** The last event sent, or {@code null}. */
    public synchronized Event lastEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Forgets the events recorded so far, e.g. between the steps of a test. */
    public synchronized void clear() {
        events.clear();
    }

    /** How often {@link #flush()} was called. */
    public synchronized int flushes() {
        return flushes;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    /** Every recorded event counts as sent; nothing is ever queued, failed or dropped. */
    @Override
    public synchronized ClientMetrics metrics() {
        return new ClientMetrics(0, 0, events.size(), 0, 0, 0, 0, Duration.ZERO);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public void close(Duration timeout) {
        close();
    }
}
