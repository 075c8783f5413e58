package com.dataeye.analytics.retention;

import java.util.List;

/**
 * The cohort table and its weighted average curve. {@code values[n]} are persons (or revenue) in
 * period n, {@code rates[n]} the share of the cohort; both are null for periods that have not
 * ended yet, and such periods are left out of the average.
 */
public record RetentionResult(String interval, List<Cohort> cohorts, List<Double> average) {

    public record Cohort(String cohort, long size, List<Double> values, List<Double> rates) {}
}
