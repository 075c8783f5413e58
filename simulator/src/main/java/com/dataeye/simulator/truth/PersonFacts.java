package com.dataeye.simulator.truth;

import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.output.ShopTime;
import com.dataeye.simulator.output.SimulatedEvent;

import java.math.BigDecimal;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one person's emitted events say about them — read from the events alone, the way an analysis of
 * the data would, not from the generator's intentions. Days are shop-local day indices of the run.
 */
final class PersonFacts {

    /** Order ids per purchase-path step, for the funnel. */
    static final List<String> FUNNEL_STEPS =
            List.of("checkout_start", "payment_confirm_view", "payment_method_selected", "order_paid");

    int firstDay = -1;
    final BitSet activeDays = new BitSet();
    /** Net revenue (paid minus refunded) in cents, per day index. */
    final Map<Integer, Long> netByDay = new HashMap<>();
    long netCents;
    int ordersPaid;
    int ordersRefunded;
    long grossCents;
    long refundedCents;
    int shares;
    int invitesSent;
    boolean signedUp;
    final Set<Category> categoriesBought = new HashSet<>();
    final Set<String> devices = new HashSet<>();
    Integer npsScore;
    final Map<String, String> variants = new HashMap<>();
    final Map<String, Set<String>> ordersByStep = new HashMap<>();

    static PersonFacts of(List<SimulatedEvent> events, long runFirstLocalDay) {
        PersonFacts f = new PersonFacts();
        for (SimulatedEvent e : events) {
            f.observe(e, (int) (ShopTime.localDay(e.timestamp()) - runFirstLocalDay));
        }
        return f;
    }

    private void observe(SimulatedEvent e, int day) {
        if (e.anonymousId() != null) {
            devices.add(e.anonymousId());
        }
        String name = e.name();
        if (FUNNEL_STEPS.contains(name)) {
            ordersByStep.computeIfAbsent(name, k -> new HashSet<>()).add((String) e.properties().get("order_id"));
        }
        switch (name) {
            case "$pageview" -> {
                activeDays.set(day);
                if (firstDay < 0 || day < firstDay) {
                    firstDay = day;
                }
            }
            case "order_paid" -> {
                long cents = cents(e);
                ordersPaid++;
                grossCents += cents;
                netCents += cents;
                netByDay.merge(day, cents, Long::sum);
                categoriesBought.add(Category.ofSlug((String) e.properties().get("category")));
            }
            case "order_refunded" -> {
                long cents = cents(e);
                ordersRefunded++;
                refundedCents += cents;
                netCents -= cents;
                netByDay.merge(day, -cents, Long::sum);
            }
            case "share" -> shares++;
            case "invite_sent" -> invitesSent++;
            case "signup" -> signedUp = true;
            case "nps_response" -> npsScore = ((Number) e.properties().get("score")).intValue();
            case "experiment_exposure" -> variants.put((String) e.properties().get("experiment"),
                    (String) e.properties().get("variant"));
            default -> {
                // other events carry no planted truth
            }
        }
    }

    /** Net revenue on the first {@code horizonDays} days from the first page view (day 0 included). */
    long netWithin(int horizonDays) {
        long sum = 0;
        for (Map.Entry<Integer, Long> d : netByDay.entrySet()) {
            if (d.getKey() - firstDay < horizonDays) {
                sum += d.getValue();
            }
        }
        return sum;
    }

    int orders(String step) {
        Set<String> orders = ordersByStep.get(step);
        return orders == null ? 0 : orders.size();
    }

    private static long cents(SimulatedEvent e) {
        return ((BigDecimal) e.properties().get("amount")).movePointRight(2).longValueExact();
    }
}
