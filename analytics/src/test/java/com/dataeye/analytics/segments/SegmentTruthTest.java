package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.shop.SimulatedShop;
import com.dataeye.analytics.shop.TestShops;
import com.dataeye.simulator.truth.AnswerKey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator plants whales, contributors and observers (1 %, 5 %, 84 % by default) by the rules the
 * built-in segments use by default. Tolerance: each built-in's size is within 1 % (at least 2 persons) of
 * the answer key's count of the same persons, and its share within four standard errors of the planted share.
 */
class SegmentTruthTest {

    @Test
    void builtInSegmentsRecoverThePlantedWhalesContributorsAndObservers() {
        SimulatedShop.Loaded shop = SimulatedShop.shared(TestShops.SMALL);
        SegmentEvaluator evaluator = new SegmentEvaluator(new QueryExecutor(shop.db(), Duration.ofSeconds(60)));
        SegmentResolver resolver = id -> BuiltinSegments.find(id).map(b -> new SegmentResolver.Target(id, b.node()));
        long persons = shop.key().counts().persons();
        for (String[] pair : new String[][] {{"whales", "whale"}, {"contributors", "contributor"}, {"observers", "observer"}}) {
            AnswerKey.SegmentTruth truth = shop.key().segments().get(pair[1]);
            long size = evaluator.count(SimulatedShop.PROJECT, ZoneId.of("Asia/Shanghai"), shop.config().endDate(),
                    resolver.find(pair[0]).orElseThrow(), resolver);
            assertThat((double) size).as(pair[0] + " vs the answer key's " + truth.persons())
                    .isCloseTo(truth.persons(), org.assertj.core.data.Offset.offset(Math.max(2, truth.persons() * 0.01)));
            double share = (double) size / persons;
            double se = Math.sqrt(truth.plantedShare() * (1 - truth.plantedShare()) / persons);
            assertThat(share).as(pair[0] + " share").isBetween(truth.plantedShare() - 4 * se, truth.plantedShare() + 4 * se);
        }
    }
}
