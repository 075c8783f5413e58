package com.dataeye.sdk;

import java.time.Duration;

/**
 * A snapshot of a client's counters since it was created. Export them to your own metrics system;
 * a growing {@code queuedEvents} with flat {@code sentEvents} means the collector is not keeping up
 * or not reachable.
 *
 * @param queuedEvents  events accepted by {@code send} and not yet acknowledged or failed (includes
 *                      the batch in flight)
 * @param queuedBytes   their JSON size, what the buffer's memory cap counts
 * @param sentEvents    events the collector acknowledged (stored now or earlier, as a duplicate)
 * @param failedEvents  events refused by the collector or given up, each also reported to the
 *                      {@link DeliveryListener}
 * @param droppedEvents events refused by {@code send} because the buffer was full ({@link OnFull#DROP_NEWEST})
 * @param retries       requests sent again after a network error, 429 or 5xx
 * @param batches       requests that got an answer the SDK acted on (not counting retries' failed attempts)
 * @param blockedTime   time application threads spent waiting for room in a full buffer ({@link OnFull#BLOCK})
 */
public record ClientMetrics(long queuedEvents, long queuedBytes, long sentEvents, long failedEvents,
                            long droppedEvents, long retries, long batches, Duration blockedTime) {
}
