package com.dataeye.simulator.behaviour;

import com.dataeye.simulator.catalog.Catalog;
import com.dataeye.simulator.catalog.Category;
import com.dataeye.simulator.catalog.Product;
import com.dataeye.simulator.population.Segment;
import com.dataeye.simulator.truth.PlantedTruths;

/**
 * What a person buys. Products come from the person's interests; everyone but a whale stays below the
 * whale threshold (with room for one image pack), and a whale keeps going in their last session until
 * their net spend passes it, so the segment rules hold for every person, not just on average.
 *
 * <p>The planted association: after a person's first paid layout template, with the planted attach rate
 * they set out to also buy an HD image pack, and retry at payment until it is paid. Image packs are never
 * in the interests of layout-template buyers, so no other path leads them there.
 */
final class Shopping {

    /** Room kept under the whale threshold for the planted image pack (the dearest costs 89 CNY). */
    private static final long FOLLOW_UP_RESERVE_CENTS = 10_000;
    private static final int MAX_ATTEMPTS = 200;

    private final Catalog catalog;
    private final Checkout checkout;
    private final long whaleThresholdCents;
    private final double attachRate;

    Shopping(Catalog catalog, Checkout checkout, PlantedTruths truths) {
        this.catalog = catalog;
        this.checkout = checkout;
        this.whaleThresholdCents = truths.segmentRules().whaleMinNetSpendCents();
        this.attachRate = truths.layoutToImagePackAttachRate();
    }

    void shop(Visitor v, int intents, boolean lastSession) {
        for (int i = 0; i < intents; i++) {
            Product product = choose(v);
            if (product != null) {
                buy(v, product);
            }
        }
        if (lastSession && v.person.plannedSegment() == Segment.WHALE) {
            for (int i = 0; i < MAX_ATTEMPTS && v.purchases.netCents() < whaleThresholdCents; i++) {
                buy(v, choose(v));
            }
        }
    }

    private void buy(Visitor v, Product product) {
        boolean paid = checkout.attempt(v, product);
        if (paid && product.category() == Category.WECHAT_LAYOUT_TEMPLATE && !v.followUpDecided) {
            v.followUpDecided = true;
            if (v.random.nextDouble() < attachRate) {
                buyImagePack(v);
            }
        }
    }

    private void buyImagePack(Visitor v) {
        Product pack = catalog.pick(Category.HD_IMAGE_PACK, v.random);
        if (!affordable(v, pack, 0)) {
            pack = catalog.cheapest(Category.HD_IMAGE_PACK);
        }
        for (int i = 0; i < MAX_ATTEMPTS && !checkout.attempt(v, pack); i++) {
            v.tracker.advance(v.pause(5_000, 60_000)); // tries again, perhaps after reading the page once more
        }
    }

    /** A product from the person's interests that keeps a non-whale below the threshold; null if none does. */
    private Product choose(Visitor v) {
        Category category = v.person.interests().get(v.random.nextInt(v.person.interests().size()));
        Product product = catalog.pick(category, v.random);
        if (affordable(v, product, FOLLOW_UP_RESERVE_CENTS)) {
            return product;
        }
        for (Category interest : v.person.interests()) {
            Product cheapest = catalog.cheapest(interest);
            if (affordable(v, cheapest, FOLLOW_UP_RESERVE_CENTS)) {
                return cheapest;
            }
        }
        return null;
    }

    private boolean affordable(Visitor v, Product product, long reserve) {
        return v.person.plannedSegment() == Segment.WHALE
                || v.purchases.grossCents() + product.priceCents() + reserve < whaleThresholdCents;
    }
}
