package com.dataeye.simulator.truth;

import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Turns the builder's counters into the answer key's tables, each realised number next to its planted one. */
final class AnswerKeyTables {

    private AnswerKeyTables() {
    }

    static Map<String, AnswerKey.ChannelTruth> channels(PlantedTruths truths, AnswerKeyBuilder.ChannelTally[] tallies,
                                                       long persons) {
        Map<String, AnswerKey.ChannelTruth> out = new LinkedHashMap<>();
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            AnswerKeyBuilder.ChannelTally t = tallies[c.ordinal()];
            Retention planted = truths.retention().get(c);
            double[] plantedRates = {planted.day1(), planted.day7(), planted.day30()};
            Map<String, AnswerKey.RetentionPoint> retention = new LinkedHashMap<>();
            for (int i = 0; i < AnswerKeyBuilder.RETENTION_DAYS.length; i++) {
                retention.put("d" + AnswerKeyBuilder.RETENTION_DAYS[i], new AnswerKey.RetentionPoint(plantedRates[i],
                        t.cohort[i], t.retained[i], ratio(t.retained[i], t.cohort[i])));
            }
            Map<String, AnswerKey.Ltv> ltv = new LinkedHashMap<>();
            for (int i = 0; i < AnswerKeyBuilder.LTV_DAYS.length; i++) {
                ltv.put("d" + AnswerKeyBuilder.LTV_DAYS[i], new AnswerKey.Ltv(perPerson(t.netCents[i], t.persons),
                        t.maturedPersons[i], perPerson(t.maturedNetCents[i], t.maturedPersons[i])));
            }
            out.put(c.wireName(), new AnswerKey.ChannelTruth(truths.channelShares().get(c), t.persons,
                    share(t.persons, persons), retention, ltv));
        }
        return out;
    }

    static Map<String, AnswerKey.SegmentTruth> segments(PlantedTruths truths, AnswerKeyBuilder.SegmentTally[] tallies,
                                                       long persons) {
        Map<String, AnswerKey.SegmentTruth> out = new LinkedHashMap<>();
        for (Segment s : Segment.values()) {
            AnswerKeyBuilder.SegmentTally t = tallies[s.ordinal()];
            long responses = t.promoters + t.passives + t.detractors;
            Double score = responses == 0 ? null : round(100.0 * (t.promoters - t.detractors) / responses);
            out.put(s.wireName(), new AnswerKey.SegmentTruth(truths.segments().of(s), t.persons, share(t.persons, persons),
                    new AnswerKey.Nps(truths.nps().get(s), responses, t.promoters, t.passives, t.detractors, score)));
        }
        return out;
    }

    static AnswerKey.LtvRatio ltvRatio(PlantedTruths truths, AnswerKeyBuilder.ChannelTally[] tallies) {
        AnswerKeyBuilder.ChannelTally community = tallies[AcquisitionChannel.COMMUNITY.ordinal()];
        AnswerKeyBuilder.ChannelTally shortVideo = tallies[AcquisitionChannel.SHORT_VIDEO.ordinal()];
        Map<String, Double> realised = new LinkedHashMap<>();
        for (int i = 0; i < AnswerKeyBuilder.LTV_DAYS.length; i++) {
            double c = community.persons == 0 ? 0 : (double) community.netCents[i] / community.persons;
            double s = shortVideo.persons == 0 ? 0 : (double) shortVideo.netCents[i] / shortVideo.persons;
            realised.put("d" + AnswerKeyBuilder.LTV_DAYS[i], s == 0 ? null : round(c / s));
        }
        return new AnswerKey.LtvRatio(AcquisitionChannel.COMMUNITY.wireName(), AcquisitionChannel.SHORT_VIDEO.wireName(),
                truths.communityToShortVideoLtvRatio(), realised);
    }

    static Map<String, AnswerKey.ExperimentTruth> experiments(
            PlantedTruths truths, Map<String, Map<String, AnswerKeyBuilder.VariantTally>> tallies) {
        Map<String, AnswerKey.ExperimentTruth> out = new LinkedHashMap<>();
        PaymentExperiment payment = truths.paymentExperiment();
        NullExperiment button = truths.nullExperiment();
        out.put(payment.name(), experiment(true, tallies.getOrDefault(payment.name(), Map.of()),
                payment::paidAfterConfirm));
        // no planted rate: both colours convert like the payment variants mixed, whatever that mix turns out to be
        out.put(button.name(), experiment(false, tallies.getOrDefault(button.name(), Map.of()), v -> null));
        return out;
    }

    private static AnswerKey.ExperimentTruth experiment(boolean effect, Map<String, AnswerKeyBuilder.VariantTally> tallies,
                                                        Function<String, Double> planted) {
        Map<String, AnswerKey.VariantTruth> variants = new LinkedHashMap<>();
        tallies.forEach((variant, t) -> {
            Map<String, Long> steps = new LinkedHashMap<>();
            for (int i = 0; i < PersonFacts.FUNNEL_STEPS.size(); i++) {
                steps.put(PersonFacts.FUNNEL_STEPS.get(i), t.orders[i]);
            }
            variants.put(variant, new AnswerKey.VariantTruth(planted.apply(variant), t.exposed, t.paid, steps,
                    ratio(steps.get("order_paid"), steps.get("payment_confirm_view"))));
        });
        return new AnswerKey.ExperimentTruth("payment_confirm_view", effect, variants);
    }

    static Map<String, String> definitions(PlantedTruths truths) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("person", "one login_id with every anonymous_id that ever appeared with it on an event; "
                + "a device that never logged in is a person of its own");
        d.put("day", "shop-local calendar day (+08:00); day 0 of a person is the day of their first $pageview");
        d.put("channel", "first-touch: the channel of the person's first $pageview, from its utm_source, "
                + "invite_code, share_source or $referrer (docs/features/enrichment.md)");
        d.put("retention", "cohort = persons whose day N is within the run; retained = those with a $pageview on day N");
        d.put("ltv", "net revenue (order_paid amount minus order_refunded amount, each on its own day) on days 0..N-1, "
                + "per person of the channel; matured = only persons who arrived at least N days before the end");
        d.put("segment", "whale: net spend >= " + truths.segmentRules().whaleMinNetSpendYuan() + " CNY; else contributor: >= "
                + truths.segmentRules().contributorMinShares() + " share events or any invite_sent; else regular: "
                + ">= 1 order_paid; else observer");
        d.put("nps", "100 * (promoters - detractors) / responses over nps_response scores; 9-10 promote, 0-6 detract");
        d.put("attach_rate", "of persons with an order_paid of category wechat_layout_template, the share who also have "
                + "one of category hd_image_pack");
        d.put("experiment", "a person's variant is the one on their experiment_exposure events; orders are counted by "
                + "distinct order_id per step over the exposed persons' events");
        return d;
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole);
    }

    static BigDecimal yuan(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole);
    }

    private static BigDecimal perPerson(long cents, long persons) {
        return persons == 0 ? null : BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(persons * 100), 2, RoundingMode.HALF_UP);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
