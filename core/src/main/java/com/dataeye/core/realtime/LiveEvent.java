package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;

import java.math.BigDecimal;

/**
 * An accepted event as the live stream shows it: what happened, to whom, where. Every string was
 * de-identified on the way in (docs/features/privacy.md); free-form properties are left out.
 */
public record LiveEvent(long seq, String eventId, String event, String type, String personId, String ts,
                        String channel, String path, String productId, String orderId, BigDecimal amount,
                        String lib, String deviceType) {

    static LiveEvent of(long seq, Event e) {
        return new LiveEvent(seq, e.eventId(), e.event(), e.type().wireName(), e.personId(), e.ts().toString(),
                e.acquisition() == null ? null : e.acquisition().channel(),
                e.page() == null ? null : e.page().path(),
                e.commerce() == null ? null : e.commerce().productId(),
                e.commerce() == null ? null : e.commerce().orderId(),
                e.commerce() == null ? null : e.commerce().amount(),
                e.lib(), e.device() == null ? null : e.device().deviceType());
    }
}
