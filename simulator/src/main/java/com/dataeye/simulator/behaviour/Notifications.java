package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Product;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pushes from the shop's backend (PRODUCT.md U3): "a product you favourited has a new version (V2.5)" and
 * the flash-sale announcement. A push is opened when the person has a session soon after it; opening it
 * is what starts that session, so notifications never add visits of their own (retention stays as planted).
 */
final class Notifications {

    private static final long HOUR = 3_600_000L;
    private static final long FLASH_SALE_PUSH = 19 * HOUR + 50 * 60_000L;
    private static final double MARKETING_CONSENT = 0.8;

    private final ShopCalendar calendar;

    Notifications(ShopCalendar calendar) {
        this.calendar = calendar;
    }

    void send(Visitor v) {
        if (!v.accounts.signedUp()) {
            return;
        }
        for (Visitor.Favourite favourite : v.favourites) {
            Product product = favourite.product();
            if (product.isUpdatedDuringRun()) {
                long at = calendar.dayStart(product.updateDay()) + 10 * HOUR + v.random.nextLong(2 * HOUR);
                if (at > favourite.at() && at > v.accounts.signedUpAt()) {
                    Map<String, Object> props = new LinkedHashMap<>();
                    props.put("push_id", "upd-" + product.id() + "-" + product.updatedVersion());
                    props.put("campaign", "version_update");
                    props.put("product_id", product.id());
                    props.put("version", product.updatedVersion());
                    push(v, at, props);
                }
            }
        }
        int flashDay = calendar.flashSaleDay();
        if (flashDay >= 0 && v.random.nextDouble() < MARKETING_CONSENT) {
            long at = calendar.dayStart(flashDay) + FLASH_SALE_PUSH + v.random.nextLong(5 * 60_000L);
            if (at > v.accounts.signedUpAt()) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("push_id", "flash-sale-" + flashDay);
                props.put("campaign", "flash_sale");
                push(v, at, props);
            }
        }
    }

    /** {@code push_received}, and {@code push_opened} just before the next session that starts within a day. */
    private void push(Visitor v, long at, Map<String, Object> props) {
        v.tracker.server("push_received", at, props);
        for (SessionRecord session : v.sessions) {
            if (session.start() > at && session.start() < at + 24 * HOUR) {
                v.tracker.server("push_opened", Math.max(at + 1_000, session.start() - 1_500), props);
                return;
            }
        }
    }
}
