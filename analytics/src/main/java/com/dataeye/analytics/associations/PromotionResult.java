package com.dataeye.analytics.associations;

import java.util.List;

/**
 * A bundle promotion's measured effect.
 *
 * @param periods before, during, after, each with the group "all" and, when an exposure event was
 *                given, "exposed" and "comparison"
 * @param effect  during minus before, and for the exposed group minus the comparison group's change
 *                (difference in differences); null parts where a group had no transactions
 */
public record PromotionResult(List<String> bundle, List<Period> periods, Effect effect) {

    public record Period(String period, String from, String to, List<Group> groups) {}

    /**
     * @param attachRate bundle transactions / anchor transactions
     */
    public record Group(String group, long transactions, long orders, double revenue, Double aov,
                        long anchorTransactions, long bundleTransactions, Double attachRate) {}

    public record Effect(Double aovChange, Double attachRateChange, Double aovChangeVsComparison,
                         Double attachRateChangeVsComparison) {}
}
