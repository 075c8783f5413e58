package com.dataeye.simulator.behaviour;

import com.dataeye.core.event.EventType;
import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.catalog.Product;
import com.dataeye.simulator.population.Ids;
import com.dataeye.simulator.truth.NullExperiment;
import com.dataeye.simulator.truth.PaymentExperiment;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One purchase attempt along the explicit tracking path: {@code checkout_start} → both experiments'
 * {@code experiment_exposure} → {@code payment_confirm_view} → optionally {@code payment_method_selected}
 * → {@code order_paid} (sent by the shop's backend). Each step is carried by the same {@code order_id},
 * so the funnel can be followed per order as well as per person. The payment-default variant decides
 * how many leave at confirmation; the button-colour variant decides nothing.
 */
final class Checkout {

    private static final double REFUND_RATE = 0.03;
    private static final long HOUR = 3_600_000L;

    private final PaymentExperiment payment;
    private final NullExperiment button;
    private final Browsing browsing;
    private final ShopCalendar calendar;

    Checkout(PaymentExperiment payment, NullExperiment button, Browsing browsing, ShopCalendar calendar) {
        this.payment = payment;
        this.button = button;
        this.browsing = browsing;
        this.calendar = calendar;
    }

    /** Tries to buy {@code product}; true when the order was paid. */
    boolean attempt(Visitor v, Product product) {
        Tracker t = v.tracker;
        if (t.page() == null || !t.page().url().equals(Pages.product(product).url())) {
            browsing.viewProduct(v, product);
        }
        t.click("#buy-now", "立即购买");
        t.advance(v.pause(300, 1_500));
        if (!v.accounts.signedUp()) {
            v.accounts.signUp(t, null, v.random);
        } else {
            v.accounts.logInIfNeeded(t, v.random);
        }
        String orderId = Ids.orderId(v.person.index(), v.purchases.nextOrderNumber());
        long amount = browsing.priceCents(product, calendar.dayOf(t.now()));
        Map<String, Object> order = orderProperties(t, orderId, product, amount);
        t.track("checkout_start", order);
        t.advance(v.pause(1_500, 8_000));
        if (v.random.nextDouble() >= payment.checkoutToConfirm()) {
            t.advance(v.dwell());
            return false;
        }
        t.open(Pages.payConfirmation(orderId));
        t.expose(payment.name(), v.person.paymentVariant());
        t.expose(button.name(), v.person.buttonVariant());
        Map<String, Object> confirm = orderProperties(t, orderId, product, amount);
        confirm.put("default_payment_method", v.person.paymentVariant());
        t.track("payment_confirm_view", confirm);
        t.advance(v.pause(3_000, 25_000));
        if (v.random.nextDouble() >= payment.paidAfterConfirm(v.person.paymentVariant())) {
            t.advance(v.dwell()); // looks at the page a while longer, then leaves it unpaid
            return false;
        }
        pay(v, orderId, product, amount);
        return true;
    }

    private void pay(Visitor v, String orderId, Product product, long amount) {
        Tracker t = v.tracker;
        String method = paymentMethod(v);
        if (!method.equals(v.person.paymentVariant())) {
            Map<String, Object> selected = t.clientProperties();
            selected.put("order_id", orderId);
            selected.put("payment_method", method);
            t.track("payment_method_selected", selected);
            t.advance(v.pause(1_000, 6_000));
        }
        t.click("button.pay-confirm.btn-" + v.person.buttonVariant(), "确认支付");
        long paidAt = t.now() + v.pause(1_500, 6_000);
        Map<String, Object> paid = new LinkedHashMap<>();
        paid.put("order_id", orderId);
        paid.put("product_id", product.id());
        paid.put("category", product.category().slug());
        paid.put("amount", BigDecimal.valueOf(amount, 2));
        paid.put("payment_method", method);
        if (amount < product.priceCents()) {
            paid.put("promotion", "flash_sale");
        }
        t.server("order_paid", paidAt, paid);
        t.serverProfile(EventType.PROFILE_INCREMENT, paidAt + 40,
                Map.of("order_count", 1, "total_spend", BigDecimal.valueOf(amount, 2)));
        if (product.category() == Category.MEMBERSHIP) {
            t.serverProfile(EventType.PROFILE_SET, paidAt + 80, Map.of("membership_level", product.name()));
        }
        t.advance(paidAt - t.now() + v.pause(2_000, 10_000));
        long refundAfter = v.random.nextDouble() < REFUND_RATE ? 2 * HOUR + v.random.nextLong(7 * 24 * HOUR) : -1;
        v.purchases.record(new Purchases.PaidOrder(orderId, product, amount, paidAt, refundAfter));
    }

    /** WeChat Pay as default is mostly kept; bank card as default is often switched away from. */
    private static String paymentMethod(Visitor v) {
        double r = v.random.nextDouble();
        if (PaymentExperiment.WECHAT_PAY.equals(v.person.paymentVariant())) {
            return r < 0.92 ? PaymentExperiment.WECHAT_PAY : "alipay";
        }
        return r < 0.40 ? PaymentExperiment.BANK_CARD : r < 0.85 ? PaymentExperiment.WECHAT_PAY : "alipay";
    }

    private static Map<String, Object> orderProperties(Tracker t, String orderId, Product product, long amount) {
        Map<String, Object> props = t.clientProperties();
        props.put("order_id", orderId);
        props.put("product_id", product.id());
        props.put("amount", BigDecimal.valueOf(amount, 2));
        return props;
    }

    /** {@code order_refunded} events for the orders refunded within the run, from the backend. */
    static void refunds(Visitor v, long runEnd) {
        for (Purchases.PaidOrder order : v.purchases.paid()) {
            long at = order.paidAt() + order.refundAfterMillis();
            if (order.refundAfterMillis() >= 0 && at < runEnd) {
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("order_id", order.orderId());
                props.put("product_id", order.product().id());
                props.put("amount", BigDecimal.valueOf(order.amountCents(), 2));
                props.put("reason", order.amountCents() % 3 == 0 ? "重复购买" : "与描述不符");
                v.tracker.server("order_refunded", at, props);
            }
        }
    }
}
