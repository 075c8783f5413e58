package com.dataeye.simulator.truth;

import com.dataeye.simulator.population.Segment;

/**
 * How a person's segment is read from their events; the generator plants behaviour that meets these
 * rules, and the answer key and the tests apply them to what was emitted.
 *
 * @param whaleMinNetSpendYuan net spend ({@code order_paid} minus {@code order_refunded}) that makes a whale
 * @param contributorMinShares {@code share} events that make a contributor; one {@code invite_sent} also does
 */
public record SegmentRules(int whaleMinNetSpendYuan, int contributorMinShares) {

    public SegmentRules {
        if (whaleMinNetSpendYuan < 800 || contributorMinShares < 2) {
            throw new IllegalArgumentException("the whale threshold must be at least 800 CNY (so a regular's first "
                    + "purchase, up to 699 CNY, stays below it) and contributors need at least 2 shares (others may "
                    + "share once)");
        }
    }

    public long whaleMinNetSpendCents() {
        return whaleMinNetSpendYuan * 100L;
    }

    public Segment classify(long netSpendCents, int shares, int invitesSent, int ordersPaid) {
        if (netSpendCents >= whaleMinNetSpendCents()) {
            return Segment.WHALE;
        }
        if (shares >= contributorMinShares || invitesSent > 0) {
            return Segment.CONTRIBUTOR;
        }
        return ordersPaid > 0 ? Segment.REGULAR : Segment.OBSERVER;
    }
}
