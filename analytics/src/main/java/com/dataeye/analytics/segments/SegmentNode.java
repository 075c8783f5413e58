package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.Filter;

import java.util.List;

/**
 * A parsed segment definition (docs/api/segments.md): and / or / not over conditions on a person's
 * behaviour, spend, activity, referrals and properties. Every condition is a test on numbers (or a
 * property) that the compiler derives per person in one scan.
 */
public sealed interface SegmentNode {

    record And(List<SegmentNode> all) implements SegmentNode {}

    record Or(List<SegmentNode> any) implements SegmentNode {}

    record Not(SegmentNode node) implements SegmentNode {}

    /** Did {@code event} (matching {@code where}) a number of times in the period; {@code count} defaults to ≥ 1. */
    record Did(String event, List<Filter> where, Comparison count, Period period) implements SegmentNode {}

    /**
     * Spend: recency (days since the last paid order), frequency (paid orders), monetary (net spend:
     * paid minus refunded; gross with {@code "gross": true}), and/or a place in the top N % of spenders.
     */
    record Rfm(Comparison recencyDays, Comparison frequency, Comparison monetary, Double monetaryTopPercent,
               boolean gross, Period period) implements SegmentNode {}

    /** Tracked events and active days in the period; days since first and since last seen (relative to the evaluation day). */
    record Activity(Comparison events, Comparison activeDays, Comparison firstSeenDaysAgo, Comparison lastSeenDaysAgo,
                    Period period) implements SegmentNode {}

    /** {@code share} and {@code invite_sent} events, and invited persons who went on to pay. */
    record Referrals(Comparison shares, Comparison invites, Comparison invitedBuyers, Period period) implements SegmentNode {}

    /** A person property from profile events ({@code profile_set} latest, else {@code profile_set_once} first, else the sum of increments). */
    record PersonProperty(Filter filter) implements SegmentNode {}

    /** Membership of another segment (saved, built-in or static), by id. */
    record InSegment(String id) implements SegmentNode {}
}
