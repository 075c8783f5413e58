package com.dataeye.server.ingest;

import java.util.List;
import java.util.Map;

/**
 * Segment's e-commerce (v2) and lifecycle spec events renamed to the events of our virtual-goods plan,
 * so a shop that switches from Segment sees its orders in GMV, LTV, attribution, associations and the
 * preset funnel without re-instrumenting. The name as sent stays in the property {@code segment_event}
 * (a trend can still filter on it); events outside the spec keep their names.
 *
 * <p>Segment orders carry their items in {@code products}; ours name one {@code product_id}. An order of
 * exactly one product gets that product's id; with several, {@code product_id} is left to the sender
 * (the list stays in {@code products}).
 */
final class SegmentSpecEvents {

    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("Product Viewed", "product_view"),
            Map.entry("Product Added", "add_to_cart"),
            Map.entry("Product Added to Wishlist", "product_favorite"),
            Map.entry("Checkout Started", "checkout_start"),
            Map.entry("Payment Info Entered", "payment_method_selected"),
            Map.entry("Order Completed", "order_paid"),
            Map.entry("Order Refunded", "order_refunded"),
            Map.entry("Product Shared", "share"),
            Map.entry("Cart Shared", "share"),
            Map.entry("Products Searched", "search"),
            Map.entry("Signed Up", "signup"),
            Map.entry("Signed In", "login"));

    private SegmentSpecEvents() {}

    /** Our name for a spec event (recording the original in {@code props}), or the name as sent. */
    static Object canonical(Object sent, Map<String, Object> props) {
        String ours = sent instanceof String s ? CANONICAL.get(s) : null;
        if (ours == null) {
            return sent;
        }
        props.putIfAbsent("segment_event", sent);
        if (!props.containsKey("product_id") && props.get("products") instanceof List<?> items && items.size() == 1
                && items.get(0) instanceof Map<?, ?> item && item.get("product_id") != null) {
            props.put("product_id", item.get("product_id"));
        }
        return ours;
    }
}
