package com.dataeye.core.enrich;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts client-side event times onto the server's clock.
 *
 * <p>Phones are often minutes or hours off (manual time, wrong zone set as local time), so the raw
 * client timestamp cannot be trusted. What can be trusted is the <em>interval</em> the client measured
 * between the event and sending the batch, because both readings come from the same wrong clock. The
 * corrected time is therefore: server receive time minus that interval. Network latency is ignored; it
 * is small next to the skews this fixes.
 */
public final class ClockSkew {

    private ClockSkew() {
    }

    /**
     * @param clientTs   when the event happened, by the client's clock; may be null
     * @param sentAt     when the client sent the batch, by the same clock; null if the SDK did not say
     * @param receivedAt when the server received the batch, by the server's clock
     * @return {@code receivedAt - (sentAt - clientTs)}; {@code clientTs} unchanged when {@code sentAt}
     *     is unknown (nothing to measure the skew against); {@code receivedAt} when {@code clientTs}
     *     is unknown; {@code clientTs} when {@code receivedAt} is null; never later than
     *     {@code receivedAt} when both client readings are present
     */
    public static Instant correct(Instant clientTs, Instant sentAt, Instant receivedAt) {
        if (clientTs == null) {
            return receivedAt;
        }
        if (sentAt == null || receivedAt == null) {
            return clientTs;
        }
        Duration waitedOnDevice = Duration.between(clientTs, sentAt);
        if (waitedOnDevice.isNegative()) {
            // an event stamped after its own batch was sent is a buggy SDK or edited clock mid-batch;
            // it cannot have happened after the server saw it
            return receivedAt;
        }
        return receivedAt.minus(waitedOnDevice);
    }
}
