package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.shop.SimulatedShop;
import com.dataeye.analytics.shop.TestShops;
import com.dataeye.simulator.truth.AnswerKey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator plants "35 % of layout-template buyers also buy an HD image pack"; the analysis must find it. */
class AssociationTruthTest {

    @Test
    void findsThePlantedAttachRateOfLayoutTemplatesToImagePacks() {
        SimulatedShop.Loaded shop = SimulatedShop.shared(TestShops.SMALL);
        AnswerKey.AttachRate truth = shop.key().attachRate();
        AssociationRunner runner = new AssociationRunner(new QueryExecutor(shop.db(), Duration.ofSeconds(60)));
        AssociationResult r = runner.run(SimulatedShop.PROJECT, ZoneId.of("Asia/Shanghai"), AssociationQuery.from(Map.of(
                "item", "category", "scope", "person", "min_count", 1, "max_size", 2,
                "from", shop.config().startDate().toString(), "to", shop.config().endDate().toString(), "limit", 1000)));
        AssociationResult.Rule rule = r.rules().stream()
                .filter(x -> x.antecedent().equals(java.util.List.of(truth.antecedent())) && x.consequent().equals(truth.consequent()))
                .findFirst().orElseThrow();
        // the same persons as the answer key counted from the emitted events
        assertThat(rule.count()).isEqualTo(truth.bothBuyers());
        assertThat(rule.count() / rule.confidence()).isCloseTo(truth.antecedentBuyers(), org.assertj.core.data.Offset.offset(0.5));
        // and within four standard errors of the planted 35 %
        double se = Math.sqrt(truth.planted() * (1 - truth.planted()) / truth.antecedentBuyers());
        assertThat(rule.confidence()).isBetween(truth.planted() - 4 * se, truth.planted() + 4 * se);
        assertThat(rule.statement()).startsWith(String.format(java.util.Locale.ROOT, "%.1f%% of buyers of wechat_layout_template also buy hd_image_pack",
                rule.confidence() * 100));
        assertThat(rule.lift()).as("image packs are never a layout buyer's own interest: the pair is planted, so lift > 1").isGreaterThan(1.5);
    }
}
