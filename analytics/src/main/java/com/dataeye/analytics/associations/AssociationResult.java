package com.dataeye.analytics.associations;

import java.util.List;

/**
 * What was bought together.
 *
 * @param transactions orders (scope order) or buying persons (scope person) in the range
 * @param minCount     the threshold applied: the larger of {@code min_count} and {@code min_support × transactions}
 * @param items        single items at or above the threshold, most bought first (at most {@code limit})
 * @param rules        "of transactions with antecedent, this share also has consequent", strongest lift first
 * @param bundles      itemsets of 2–3 with lift above 1, ranked by lift × count
 */
public record AssociationResult(String scope, Integer windowDays, long transactions, long minCount, List<Item> items,
                                List<Rule> rules, List<Itemset> bundles) {

    public record Item(String item, long count, double support) {}

    public record Rule(List<String> antecedent, String consequent, long count, double support, double confidence,
                       double lift, String statement) {}

    public record Itemset(List<String> items, long count, double support, double lift, double score) {}
}
