package com.dataeye.simulator.population;

import com.dataeye.simulator.truth.PlantedTruths;
import com.dataeye.simulator.truth.SegmentShares;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentMixTest {

    private final PlantedTruths truths = PlantedTruths.defaults();
    private static final double CHANCE_REGULAR_BUYS = 0.65;

    @Test
    void summedOverChannelsEverySpendingSegmentKeepsItsPlannedShare() {
        SegmentMix mix = SegmentMix.plan(truths, CHANCE_REGULAR_BUYS);
        double[] overall = new double[Segment.values().length];
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            double[] shares = mix.plannedShares(c);
            for (int s = 0; s < shares.length; s++) {
                overall[s] += truths.channelShares().get(c) * shares[s];
            }
        }
        assertThat(overall[Segment.WHALE.ordinal()]).isCloseTo(truths.segments().whale(), within(1e-12));
        assertThat(overall[Segment.CONTRIBUTOR.ordinal()]).isCloseTo(truths.segments().contributor(), within(1e-12));
        // some planned regulars never pay and end as observers: plan more of them
        assertThat(overall[Segment.REGULAR.ordinal()]).isCloseTo(truths.segments().regular() / CHANCE_REGULAR_BUYS, within(1e-12));
    }

    @Test
    void communityHasThePlantedRatioOfSpendersToShortVideo() {
        for (double ratio : new double[] {3.0, 1.5, 5.0}) {
            SegmentMix mix = SegmentMix.plan(truths.withLtvRatio(ratio), CHANCE_REGULAR_BUYS);
            double[] community = mix.plannedShares(AcquisitionChannel.COMMUNITY);
            double[] shortVideo = mix.plannedShares(AcquisitionChannel.SHORT_VIDEO);
            for (Segment spender : new Segment[] {Segment.WHALE, Segment.CONTRIBUTOR, Segment.REGULAR}) {
                assertThat(community[spender.ordinal()] / shortVideo[spender.ordinal()]).isCloseTo(ratio, within(1e-9));
            }
        }
    }

    @Test
    void returnFactorsAverageToOneWithinEachChannel() {
        SegmentMix mix = SegmentMix.plan(truths, CHANCE_REGULAR_BUYS);
        for (AcquisitionChannel c : AcquisitionChannel.values()) {
            double[] shares = mix.plannedShares(c);
            double mean = 0;
            for (Segment s : Segment.values()) {
                mean += shares[s.ordinal()] * mix.returnFactor(c, s);
            }
            assertThat(mean).as(c.wireName()).isCloseTo(1, within(1e-12));
            assertThat(mix.returnFactor(c, Segment.WHALE)).isGreaterThan(mix.returnFactor(c, Segment.OBSERVER));
        }
    }

    @Test
    void refusesARatioTheChannelMixCannotReach() {
        // with 30 % regulars and 20 % contributors, community would need more spenders than persons
        PlantedTruths spendy = new PlantedTruths(truths.channelShares(), new SegmentShares(0.05, 0.20, 0.30, 0.45),
                truths.segmentRules(), truths.layoutToImagePackAttachRate(), 3.0, truths.paymentExperiment(),
                truths.nullExperiment(), truths.retention(), truths.nps());
        assertThatThrownBy(() -> SegmentMix.plan(spendy, CHANCE_REGULAR_BUYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not reachable");
    }
}
