package com.dataeye.simulator.truth;

import com.dataeye.simulator.population.AcquisitionChannel;
import com.dataeye.simulator.population.Segment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import static com.dataeye.simulator.population.AcquisitionChannel.COMMUNITY;
import static com.dataeye.simulator.population.AcquisitionChannel.DIRECT;
import static com.dataeye.simulator.population.AcquisitionChannel.INVITE;
import static com.dataeye.simulator.population.AcquisitionChannel.SEARCH;
import static com.dataeye.simulator.population.AcquisitionChannel.SHORT_VIDEO;
import static com.dataeye.simulator.population.AcquisitionChannel.WECHAT;

/**
 * The patterns the demo shop hides in its traffic, for analyses to find (issue 3). Each is a target in
 * expectation; what a run actually produced is in its answer key.
 *
 * @param channelShares                  share of persons first arriving through each channel
 * @param segments                       share of persons per realised segment
 * @param segmentRules                   how segments are read from events
 * @param layoutToImagePackAttachRate    of the persons who bought a WeChat-article layout template, the
 *                                       share who also bought an HD royalty-free image pack
 * @param communityToShortVideoLtvRatio  90-day net revenue per person, community over short video
 * @param paymentExperiment              the default-payment-method A/B test, with a real effect
 * @param nullExperiment                 an A/B test with none
 * @param retention                      day-1/7/30 retention per channel
 * @param nps                            net promoter score per realised segment, -100 to 100
 */
public record PlantedTruths(
        Map<AcquisitionChannel, Double> channelShares,
        SegmentShares segments,
        SegmentRules segmentRules,
        double layoutToImagePackAttachRate,
        double communityToShortVideoLtvRatio,
        PaymentExperiment paymentExperiment,
        NullExperiment nullExperiment,
        Map<AcquisitionChannel, Retention> retention,
        Map<Segment, Integer> nps) {

    public PlantedTruths {
        channelShares = complete("channel share", channelShares, AcquisitionChannel.class);
        retention = complete("retention", retention, AcquisitionChannel.class);
        nps = complete("NPS", nps, Segment.class);
        double sum = channelShares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(sum - 1) > 1e-9 || channelShares.values().stream().anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("channel shares must be non-negative and sum to 1, got " + sum);
        }
        if (!(layoutToImagePackAttachRate >= 0 && layoutToImagePackAttachRate <= 1)) {
            throw new IllegalArgumentException("the attach rate must be between 0 and 1");
        }
        if (!(communityToShortVideoLtvRatio > 0)) {
            throw new IllegalArgumentException("the LTV ratio must be positive");
        }
        if (nps.values().stream().anyMatch(n -> n < -100 || n > 100)) {
            throw new IllegalArgumentException("NPS values run from -100 to 100");
        }
    }

    /** The numbers: 35 % attach, LTV ×3, bank card 45 % vs WeChat Pay 70 % paid after confirmation. */
    public static PlantedTruths defaults() {
        Map<AcquisitionChannel, Double> shares = new EnumMap<>(AcquisitionChannel.class);
        shares.put(COMMUNITY, 0.05);
        shares.put(SHORT_VIDEO, 0.40);
        shares.put(WECHAT, 0.15);
        shares.put(INVITE, 0.08);
        shares.put(SEARCH, 0.15);
        shares.put(DIRECT, 0.17);
        Map<AcquisitionChannel, Retention> retention = new EnumMap<>(AcquisitionChannel.class);
        retention.put(COMMUNITY, new Retention(0.25, 0.14, 0.08));
        retention.put(SHORT_VIDEO, new Retention(0.06, 0.02, 0.008));
        retention.put(WECHAT, new Retention(0.15, 0.06, 0.03));
        retention.put(INVITE, new Retention(0.20, 0.10, 0.05));
        retention.put(SEARCH, new Retention(0.12, 0.05, 0.02));
        retention.put(DIRECT, new Retention(0.18, 0.08, 0.04));
        Map<Segment, Integer> nps = new EnumMap<>(Segment.class);
        nps.put(Segment.WHALE, 60);
        nps.put(Segment.CONTRIBUTOR, 70);
        nps.put(Segment.REGULAR, 25);
        nps.put(Segment.OBSERVER, -15);
        return new PlantedTruths(shares,
                new SegmentShares(0.01, 0.05, 0.10, 0.84),
                new SegmentRules(1000, 2),
                0.35,
                3.0,
                new PaymentExperiment("pay_default_method", 0.90, 0.45, 0.70),
                new NullExperiment("pay_button_color", "blue", "green"),
                retention,
                nps);
    }

    public PlantedTruths withChannelShares(Map<AcquisitionChannel, Double> shares) {
        return new PlantedTruths(shares, segments, segmentRules, layoutToImagePackAttachRate,
                communityToShortVideoLtvRatio, paymentExperiment, nullExperiment, retention, nps);
    }

    public PlantedTruths withLtvRatio(double ratio) {
        return new PlantedTruths(channelShares, segments, segmentRules, layoutToImagePackAttachRate,
                ratio, paymentExperiment, nullExperiment, retention, nps);
    }

    private static <K extends Enum<K>, V> Map<K, V> complete(String what, Map<K, V> map, Class<K> keys) {
        EnumMap<K, V> copy = new EnumMap<>(keys);
        copy.putAll(map);
        for (K key : keys.getEnumConstants()) {
            if (copy.get(key) == null) {
                throw new IllegalArgumentException("missing " + what + " for " + key);
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
