package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Product;

import java.util.ArrayList;
import java.util.List;

/**
 * A person's money so far. Spend is tracked net of refunds decided at purchase time, which is what the
 * whale and budget rules read: a whale keeps buying until the net, not the gross, passes the threshold.
 */
final class Purchases {

    /**
     * @param refundAfterMillis delay of the refund after payment, or -1 when the order is kept
     */
    record PaidOrder(String orderId, Product product, long amountCents, long paidAt, long refundAfterMillis) {
    }

    private final List<PaidOrder> paid = new ArrayList<>();
    private long grossCents;
    private long netCents;
    private int ordersStarted;

    int nextOrderNumber() {
        return ++ordersStarted;
    }

    void record(PaidOrder order) {
        paid.add(order);
        grossCents += order.amountCents();
        if (order.refundAfterMillis() < 0) {
            netCents += order.amountCents();
        }
    }

    List<PaidOrder> paid() {
        return paid;
    }

    long grossCents() {
        return grossCents;
    }

    long netCents() {
        return netCents;
    }
}
