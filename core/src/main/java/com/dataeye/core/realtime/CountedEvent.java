package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;

import java.time.Instant;

/**
 * The few fields of an event the overview reads: from a live {@link Event}, or from a stored row when
 * the speed layer is rebuilt after a restart.
 */
public record CountedEvent(String personId, String anonymousId, String loginId, String event, EventType type,
                           Instant ts, long amountCents) {

    public static CountedEvent of(Event e) {
        return new CountedEvent(e.personId(), e.anonymousId(), e.loginId(), e.event(), e.type(), e.ts(), OverviewRules.cents(e));
    }

    boolean isActivity() {
        return type == EventType.TRACK;
    }

    boolean isPageView() {
        return OverviewRules.PAGE_VIEWS.contains(event);
    }

    boolean isOrder() {
        return OverviewRules.ORDER_PAID.equals(event);
    }

    boolean isRefund() {
        return OverviewRules.ORDER_REFUNDED.equals(event);
    }
}
