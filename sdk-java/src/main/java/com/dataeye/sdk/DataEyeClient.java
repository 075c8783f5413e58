package com.dataeye.sdk;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends events to DataEye. Create one per application with {@link #create(DataEyeConfig)}, share
 * it between all threads, and close it on shutdown so nothing queued is lost:
 *
 * <pre>{@code
 * DataEyeConfig config = DataEyeConfig.builder().endpoint("https://dataeye.example.com").writeKey("wk_…").build();
 * try (DataEyeClient dataeye = DataEyeClient.create(config)) {
 *     dataeye.track(Event.track("order_paid").loginId("user-42").property("amount", 39.9).build());
 *     dataeye.identify("dev-1", "user-42");
 * }
 * }</pre>
 *
 * <p>Every method that sends returns once the event is queued, not delivered: {@link #flush()}
 * waits for delivery. The implementation is {@link BatchingDataEyeClient}, whose documentation
 * explains buffering, retries and failures; tests of your own code use
 * {@link RecordingDataEyeClient}.
 */
public interface DataEyeClient extends AutoCloseable {

    /** The batching client with the default HTTP transport and the system clock. */
    static DataEyeClient create(DataEyeConfig config) {
        return BatchingDataEyeClient.builder(config).build();
    }

    /**
     * Queues an event of any type.
     *
     * @return {@code true} when queued; {@code false} when the buffer was full under
     *         {@link OnFull#DROP_NEWEST} and the event was dropped
     * @throws EventTooLargeException  when the event's JSON is over 32 KiB
     * @throws IllegalArgumentException when a property value cannot be written as JSON
     * @throws BufferFullException     when the buffer stayed full for {@code max.block.ms} under {@link OnFull#BLOCK}
     * @throws IllegalStateException   when the client is closed
     * @throws SdkInterruptedException when interrupted while waiting for room
     */
    boolean send(Event event);

    /** Queues a {@code track} event built with {@link Event#track(String)}. */
    default boolean track(Event event) {
        if (event.type() != EventType.TRACK) {
            throw new IllegalArgumentException("track takes track events; use send for " + event.type().wire());
        }
        return send(event);
    }

    /** Queues {@code event} done by the user {@code loginId}. */
    default boolean track(String event, String loginId, Map<String, ?> properties) {
        return send(Event.track(event).loginId(loginId).properties(properties).build());
    }

    /** Links a device's anonymous id to the login id, so what the device did before the login counts for the user. */
    default boolean identify(String anonymousId, String loginId) {
        return send(Event.identify(anonymousId, loginId).build());
    }

    /** Sets (overwrites) attributes of the user. */
    default boolean profileSet(String loginId, Map<String, ?> properties) {
        return send(Event.of(EventType.PROFILE_SET).loginId(loginId).properties(properties).build());
    }

    /** Sets attributes of the user that have no value yet, such as the first channel. */
    default boolean profileSetOnce(String loginId, Map<String, ?> properties) {
        return send(Event.of(EventType.PROFILE_SET_ONCE).loginId(loginId).properties(properties).build());
    }

    /** Adds to numeric attributes of the user, such as {@code orders: 1}. */
    default boolean profileIncrement(String loginId, Map<String, ? extends Number> increments) {
        return send(Event.of(EventType.PROFILE_INCREMENT).loginId(loginId).properties(increments).build());
    }

    /** Removes attributes of the user; sent as {@code {"name": true}} properties. */
    default boolean profileUnset(String loginId, String... propertyNames) {
        Map<String, Object> names = new LinkedHashMap<>();
        Arrays.stream(propertyNames).forEach(n -> names.put(n, true));
        return send(Event.of(EventType.PROFILE_UNSET).loginId(loginId).properties(names).build());
    }

    /** Deletes the user's profile. */
    default boolean profileDelete(String loginId) {
        return send(Event.of(EventType.PROFILE_DELETE).loginId(loginId).build());
    }

    /** Sets attributes of a product ({@code item_set}), such as its category or price. */
    default boolean itemSet(String itemId, Map<String, ?> properties) {
        return send(Event.of(EventType.ITEM_SET).itemId(itemId).properties(properties).build());
    }

    /**
     * Blocks until every event queued before the call is acknowledged or has failed (and was
     * reported to the {@link DeliveryListener}). Sends at once, without waiting for {@code linger.ms}.
     *
     * @throws SdkInterruptedException when interrupted while waiting
     */
    void flush();

    /** The client's counters now. */
    ClientMetrics metrics();

    /**
     * Delivers what is queued, waiting up to {@code close.timeout.ms}, then stops the sender.
     * Events still undelivered then are reported as {@link DeliveryFailure#CLOSED}. Calling it
     * again does nothing.
     */
    @Override
    void close();

    /** {@link #close()} with its own timeout. */
    void close(Duration timeout);
}
