package com.dataeye.analytics.channels;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** Builds stored events for hand-computed fixtures: times are Shanghai wall-clock times. */
public final class Shop {

    private static int seq;

    private Shop() {}

    public static Event visit(String person, String cst, String channel, String utmSource, String referrer, Map<String, Object> props) {
        return event(person, "$pageview", cst, channel, utmSource, null, referrer, null, null, props);
    }

    public static Event paid(String person, String cst, String order, double amount) {
        return event(person, "order_paid", cst, "direct", null, null, null, order, amount, Map.of());
    }

    public static Event refunded(String person, String cst, String order, double amount) {
        return event(person, "order_refunded", cst, "direct", null, null, null, order, amount, Map.of());
    }

    public static Event event(String person, String name, String cst, String channel, String utmSource, String utmCampaign,
                              String referrer, String order, Double amount, Map<String, Object> props) {
        var ts = OffsetDateTime.parse(cst + "+08:00").toInstant();
        String url = "https://shop.example/p" + (utmSource == null ? "" : "?utm_source=" + utmSource);
        return new Event("c" + (++seq), "shop", name, EventType.TRACK, person, person, person, null, ts, ts, "js", null,
                new Event.Page(url, "/p", null, referrer), new Event.Acquisition(utmSource, null, utmCampaign, null, null, channel),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(order, null, amount == null ? null : BigDecimal.valueOf(amount)), new HashMap<>(props));
    }
}
