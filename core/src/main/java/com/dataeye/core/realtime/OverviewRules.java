package com.dataeye.core.realtime;

import com.dataeye.core.event.Event;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Which events the overview counts as what (docs/features/overview.md). Page views are the
 * autocaptured views of the web, mini-program and app SDKs and an explicit {@code page_view};
 * an order is an {@code order_paid} and its {@code amount} is GMV; {@code order_refunded} amounts
 * are refunds. Only {@code track} events make a person active: profile, catalogue and identify
 * records are not visits.
 */
final class OverviewRules {

    static final Set<String> PAGE_VIEWS = Set.of("$pageview", "$MPViewScreen", "$AppViewScreen", "page_view");
    static final String ORDER_PAID = "order_paid";
    static final String ORDER_REFUNDED = "order_refunded";

    private OverviewRules() {}

    static long cents(Event e) {
        BigDecimal amount = e.commerce() == null ? null : e.commerce().amount();
        return amount == null ? 0 : amount.movePointRight(2).longValue();
    }
}
