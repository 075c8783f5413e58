package com.dataeye.sdk;

/**
 * What {@link DataEyeClient#send} does when the buffer is full because the collector is slower than
 * your application, or unreachable. There is no silent default: pick the one that fits.
 */
public enum OnFull {
    /**
     * Wait up to {@code max.block.ms} for room, then throw {@link BufferFullException}. No event is
     * lost without you knowing, but a request thread of yours may wait. The time spent waiting is
     * {@link ClientMetrics#blockedTime()}.
     */
    BLOCK,
    /**
     * Refuse the new event at once ({@code send} returns {@code false}) and count it in
     * {@link ClientMetrics#droppedEvents()}. Your threads never wait; analytics may miss events.
     */
    DROP_NEWEST
}
