package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.Property;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Product association (PRODUCT.md O7, docs/api/associations.md): which items are bought together.
 *
 * @param event      the purchase event whose rows are order lines (default {@code order_paid})
 * @param item       what an item is: {@code product_id} (default) or any property such as {@code category}
 * @param scope      {@code order}: items of one {@code order_id}; {@code person}: items one person bought in the range
 * @param windowDays with scope person, items count as bought together only when bought within this many
 *                   days of each other (null: anywhere in the range)
 * @param minSupport the smallest share of transactions an itemset must reach
 * @param minCount   the smallest number of transactions an itemset must reach (both thresholds apply)
 * @param maxSize    2 (pairs) or 3 (pairs and bundles of three)
 * @param limit      rules, itemsets and bundles returned, at most
 */
public record AssociationQuery(String event, Property item, Scope scope, Integer windowDays, DateRange range,
                               double minSupport, long minCount, int maxSize, int limit) {

    public enum Scope { ORDER, PERSON }

    private static final Set<String> KEYS = Set.of("event", "item", "scope", "window_days", "from", "to", "min_support",
            "min_count", "max_size", "limit");

    public static AssociationQuery from(Map<String, Object> q) {
        Keys.strict(q, KEYS, "");
        String event = Keys.event(q.getOrDefault("event", "order_paid"), "event");
        Property item = Property.of(String.valueOf(q.getOrDefault("item", "product_id")), "item");
        Scope scope = Keys.scope(q.getOrDefault("scope", "order"), "scope");
        Integer window = null;
        if (q.get("window_days") != null) {
            if (scope != Scope.PERSON) {
                throw new InvalidQueryException("window_days", "window_days applies to scope \"person\" only");
            }
            window = Keys.integer(q.get("window_days"), 1, 3660, "window_days");
        }
        DateRange range = DateRange.of(q.get("from"), q.get("to"), "");
        double minSupport = 0.001;
        if (q.get("min_support") != null) {
            if (!(q.get("min_support") instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                throw new InvalidQueryException("min_support", "min_support is a share between 0 and 1, e.g. 0.001");
            }
            minSupport = n.doubleValue();
        }
        long minCount = q.get("min_count") == null ? 5 : Keys.integer(q.get("min_count"), 1, 1_000_000_000, "min_count");
        int maxSize = q.get("max_size") == null ? 3 : Keys.integer(q.get("max_size"), 2, 3, "max_size");
        int limit = q.get("limit") == null ? 50 : Keys.integer(q.get("limit"), 1, 1000, "limit");
        return new AssociationQuery(event, item, scope, window, range, minSupport, minCount, maxSize, limit);
    }

    String scopeName() {
        return scope.name().toLowerCase(Locale.ROOT);
    }
}
