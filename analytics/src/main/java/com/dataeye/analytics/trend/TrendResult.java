package com.dataeye.analytics.trend;

import java.util.List;

/**
 * Series of a trend: one per breakdown value (top N by total, then {@code $other}; {@code $none} for
 * events without the property), or a single {@code $all}. Every bucket of the range is present;
 * empty buckets are 0 for counts and sums and null for averages, extremes and percentiles.
 */
public record TrendResult(List<String> buckets, List<Series> series, List<Series> previous) {

    public record Series(String group, List<Double> values, Double total) {}
}
