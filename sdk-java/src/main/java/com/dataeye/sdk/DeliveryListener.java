package com.dataeye.sdk;

/**
 * Hears about events that will not be stored: refused by the collector (with its code and field),
 * or given up after the last retry. Called on the client's sender thread, once per event, so keep it
 * short: log, count, or hand the failure to your own queue. Exceptions it throws are logged and
 * otherwise ignored.
 *
 * <pre>{@code
 * DataEyeClient client = BatchingDataEyeClient.builder(config)
 *         .listener(f -> log.warn("event {} not stored: {} {}", f.eventId(), f.code(), f.message()))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface DeliveryListener {

    void onFailure(DeliveryFailure failure);

    /** The default: failures are only counted ({@link ClientMetrics#failedEvents()}) and logged at debug level. */
    static DeliveryListener none() {
        return failure -> { };
    }
}
