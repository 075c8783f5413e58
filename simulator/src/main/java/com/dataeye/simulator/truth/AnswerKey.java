package com.dataeye.simulator.truth;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Every planted truth next to what the run actually produced, computed from the emitted events
 * ({@code answer-key.json}, written with snake_case names). Rates are null where their base is empty.
 *
 * @param format      version tag of this layout
 * @param run         what was simulated and how the events file is ordered
 * @param counts      totals over the whole file
 * @param channels    per first-touch channel: size, retention, LTV
 * @param segments    per realised segment: size, NPS
 * @param attachRate  layout template → HD image pack
 * @param ltvRatio    community over short video, per horizon
 * @param experiments per experiment and variant: the purchase funnel
 * @param definitions how each number is computed, in words
 */
public record AnswerKey(
        String format,
        Run run,
        Counts counts,
        Map<String, ChannelTruth> channels,
        Map<String, SegmentTruth> segments,
        AttachRate attachRate,
        LtvRatio ltvRatio,
        Map<String, ExperimentTruth> experiments,
        Map<String, String> definitions) {

    public static final String FORMAT = "dataeye-simulator-answer-key/1";

    public record Run(long seed, int persons, int days, String startDate, String endDate, String flashSaleDate,
                      String timeZone, String eventOrder) {
    }

    public record Counts(long events, Map<String, Long> eventsByName, long persons, long personsSignedUp,
                         long devices, long ordersPaid, long ordersRefunded, BigDecimal grossRevenue,
                         BigDecimal refunded, BigDecimal netRevenue) {
    }

    public record ChannelTruth(double plantedShare, long persons, double share,
                               Map<String, RetentionPoint> retention, Map<String, Ltv> ltv) {
    }

    /** Of the {@code cohort} persons whose day N lies within the run, {@code retained} had a page view on it. */
    public record RetentionPoint(double planted, long cohort, long retained, Double rate) {
    }

    /**
     * @param perPerson        net revenue within N days of the first visit over all the channel's persons
     *                         (late arrivals contribute what they spent by the end of the run)
     * @param maturedPersons   persons who arrived at least N days before the end
     * @param maturedPerPerson the same per person over matured persons only; null when there are none
     */
    public record Ltv(BigDecimal perPerson, long maturedPersons, BigDecimal maturedPerPerson) {
    }

    public record SegmentTruth(double plantedShare, long persons, double share, Nps nps) {
    }

    /** NPS = 100 × (promoters − detractors) / responses; promoters answer 9–10, detractors 0–6. */
    public record Nps(int planted, long responses, long promoters, long passives, long detractors, Double score) {
    }

    public record AttachRate(String antecedent, String consequent, double planted, long antecedentBuyers,
                             long bothBuyers, Double rate) {
    }

    public record LtvRatio(String numerator, String denominator, double planted, Map<String, Double> realised) {
    }

    public record ExperimentTruth(String exposedOn, boolean plantedEffect, Map<String, VariantTruth> variants) {
    }

    /**
     * @param plantedPaidAfterConfirm share of confirmation views planted to end paid in this variant; null in the
     *                                experiment without an effect
     * @param personsExposed          persons with an exposure to this variant
     * @param personsPaid             of those, persons with at least one {@code order_paid}
     * @param ordersByStep            distinct {@code order_id}s of the exposed persons per purchase-path step
     * @param paidAfterConfirm        {@code order_paid} orders / {@code payment_confirm_view} orders
     */
    public record VariantTruth(Double plantedPaidAfterConfirm, long personsExposed, long personsPaid,
                               Map<String, Long> ordersByStep, Double paidAfterConfirm) {
    }
}
