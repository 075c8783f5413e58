package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.Property;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measured effect of a bundle promotion: AOV and attach rate before, during and after its window,
 * for persons who saw the promotion and, as comparison, for those who did not (docs/api/associations.md).
 *
 * @param bundle     2–3 items; the first is the anchor: attach rate = transactions with every item / with the anchor
 * @param promotion  the promotion's days
 * @param beforeDays days measured before the promotion (default: as many as it lasted)
 * @param afterDays  days measured after it (default: as many as it lasted)
 * @param exposure   the event that marks a person as having seen the promotion, during its window (optional)
 */
public record PromotionQuery(String event, Property item, AssociationQuery.Scope scope, List<String> bundle,
                             DateRange promotion, int beforeDays, int afterDays, String exposure, List<Filter> exposureWhere) {

    private static final Set<String> KEYS = Set.of("event", "item", "scope", "bundle", "promotion", "before_days",
            "after_days", "exposure");

    @SuppressWarnings("unchecked")
    public static PromotionQuery from(Map<String, Object> q) {
        Keys.strict(q, KEYS, "");
        String event = Keys.event(q.getOrDefault("event", "order_paid"), "event");
        Property item = Property.of(String.valueOf(q.getOrDefault("item", "product_id")), "item");
        AssociationQuery.Scope scope = Keys.scope(q.getOrDefault("scope", "order"), "scope");
        if (!(q.get("bundle") instanceof List<?> b) || b.size() < 2 || b.size() > 3) {
            throw new InvalidQueryException("bundle", "bundle is a list of 2–3 items, the anchor first");
        }
        Set<String> items = new LinkedHashSet<>();
        for (int i = 0; i < b.size(); i++) {
            if (!(b.get(i) instanceof String s) || s.isEmpty() || s.length() > 200 || !items.add(s)) {
                throw new InvalidQueryException("bundle[" + i + "]", "items are distinct, non-empty strings");
            }
        }
        if (!(q.get("promotion") instanceof Map<?, ?> p)) {
            throw new InvalidQueryException("promotion", "promotion is {\"from\": date, \"to\": date}");
        }
        DateRange promotion = DateRange.of(p.get("from"), p.get("to"), "promotion");
        int days = (int) promotion.days();
        int before = q.get("before_days") == null ? days : Keys.integer(q.get("before_days"), 1, 366, "before_days");
        int after = q.get("after_days") == null ? days : Keys.integer(q.get("after_days"), 0, 366, "after_days");
        String exposure = null;
        List<Filter> where = new ArrayList<>();
        if (q.get("exposure") != null) {
            if (!(q.get("exposure") instanceof Map<?, ?> e)) {
                throw new InvalidQueryException("exposure", "exposure is {\"event\": name, \"where\": [filters]}");
            }
            Keys.strict((Map<String, Object>) e, Set.of("event", "where"), "exposure.");
            exposure = Keys.event(e.get("event"), "exposure.event");
            if (e.get("where") instanceof List<?> fs) {
                for (int i = 0; i < fs.size(); i++) {
                    if (!(fs.get(i) instanceof Map<?, ?> f)) {
                        throw new InvalidQueryException("exposure.where[" + i + "]", "a filter is {\"property\", \"op\", \"value\"}");
                    }
                    where.add(Filter.of(String.valueOf(f.get("property")), String.valueOf(f.get("op")), f.get("value"),
                            "exposure.where[" + i + "]"));
                }
            } else if (e.get("where") != null) {
                throw new InvalidQueryException("exposure.where", "where is a list of filters");
            }
        }
        return new PromotionQuery(event, item, scope, List.copyOf(items), promotion, before, after, exposure, List.copyOf(where));
    }
}
