package com.dataeye.analytics.channels;

import java.util.List;

/**
 * LTV per acquisition channel (and cohort), with spend-based CAC, ROI and payback where spend was
 * entered (docs/api/channels.md).
 */
public record LtvResult(String asOf, String cohortBy, List<Row> rows) {

    /**
     * @param persons  acquired in the range
     * @param buyers   of them, persons who paid before as_of
     * @param revenue  their net revenue (paid minus refunded) before as_of
     * @param ltv      per horizon (7, 30, 90)
     * @param curve    cumulative net revenue per matured person after day 0, 1, …; null where no person is matured
     * @param spend    the channel's spend over the acquisition range; null when none was entered (then CAC, ROI, payback are null)
     * @param cac      spend / buyers
     * @param costPerPerson spend / persons
     * @param roi      (revenue − spend) / spend
     * @param paybackDays the first day after acquisition (0 = the day itself) by which the channel's
     *                 cumulative net revenue covers the spend; null if not yet
     */
    public record Row(String channel, String cohort, long persons, long buyers, double revenue, List<Horizon> ltv,
                      List<Double> curve, Double spend, Double cac, Double costPerPerson, Double roi, Integer paybackDays) {}

    /**
     * @param day            N: revenue on days 0 … N−1 after acquisition
     * @param maturedPersons persons acquired at least N days before as_of
     * @param revenue        their net revenue on days 0 … N−1
     * @param perPerson      revenue / maturedPersons; null when none matured
     */
    public record Horizon(int day, long maturedPersons, double revenue, Double perPerson) {}
}
