package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.dataeye.analytics.associations.AssociationRunnerTest.json;
import static com.dataeye.analytics.associations.AssociationRunnerTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Bundle A+C promoted 11-10..11-12 (before 11-07..11-09, after 11-13..11-15); Q1 saw the promotion
 * ({@code promo_view}, campaign bundle1), Q3 saw another campaign, so Q2 and Q3 are the comparison.
 * <pre>
 * before: o10 Q1 A 10 · o11 Q2 A 10 + C 20 · o12 Q3 B 5      all: AOV 45/3 = 15, attach 1/2
 * during: o13 Q1 A+C 30 · o14 Q2 A+C 30 · o15 Q3 A 10        all: AOV 70/3, attach 2/3
 * after:  o16 Q1 A 10                                        all: AOV 10, attach 0/1
 * exposed (Q1): AOV 10 → 30, attach 0 → 1; comparison: AOV 17.5 → 20, attach 1 → 1/2
 * </pre>
 */
class PromotionRunnerTest {

    static DuckDb db;
    static PromotionRunner runner;

    static Event buy(String person, String order, String product, String amount, String day) {
        return line("promo", "order_paid", person, order, product, amount, day, Map.of());
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        List<Event> events = new ArrayList<>(List.of(
                buy("Q1", "o10", "A", "10", "2026-11-07"), buy("Q2", "o11", "A", "10", "2026-11-08"), buy("Q2", "o11", "C", "20", "2026-11-08"),
                buy("Q3", "o12", "B", "5", "2026-11-09"),
                buy("Q1", "o13", "A", "10", "2026-11-10"), buy("Q1", "o13", "C", "20", "2026-11-10"),
                buy("Q2", "o14", "A", "10", "2026-11-11"), buy("Q2", "o14", "C", "20", "2026-11-11"), buy("Q3", "o15", "A", "10", "2026-11-12"),
                buy("Q1", "o16", "A", "10", "2026-11-13"), buy("Q1", "o17", "A", "10", "2026-11-20"), buy("Q9", "o9", "A", "99", "2026-11-06"),
                line("promo", "promo_view", "Q1", null, null, null, "2026-11-10", Map.of("campaign", "bundle1")),
                line("promo", "promo_view", "Q3", null, null, null, "2026-11-10", Map.of("campaign", "other"))));
        new DuckDbEventStore(db).commit(new CommitBatch(events, List.of(), List.of()));
        runner = new PromotionRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static PromotionResult run(String extra) {
        return runner.run("promo", AssociationRunnerTest.SHANGHAI, PromotionQuery.from(json(
                "{\"bundle\":[\"A\",\"C\"],\"promotion\":{\"from\":\"2026-11-10\",\"to\":\"2026-11-12\"}" + extra + "}")));
    }

    @Test
    void measuresAovAndAttachRateBeforeDuringAndAfter() {
        PromotionResult r = run("");
        assertThat(r.periods()).extracting(PromotionResult.Period::period, PromotionResult.Period::from, PromotionResult.Period::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("before", "2026-11-07", "2026-11-09"),
                        org.assertj.core.groups.Tuple.tuple("during", "2026-11-10", "2026-11-12"),
                        org.assertj.core.groups.Tuple.tuple("after", "2026-11-13", "2026-11-15"));
        PromotionResult.Group before = r.periods().get(0).groups().get(0);
        assertThat(before.orders()).isEqualTo(3);
        assertThat(before.aov()).isCloseTo(15.0, within(1e-9));
        assertThat(before.attachRate()).isCloseTo(0.5, within(1e-9));
        PromotionResult.Group during = r.periods().get(1).groups().get(0);
        assertThat(during.aov()).isCloseTo(70 / 3.0, within(1e-9));
        assertThat(during.attachRate()).isCloseTo(2 / 3.0, within(1e-9));
        PromotionResult.Group after = r.periods().get(2).groups().get(0);
        assertThat(after.orders()).isEqualTo(1);
        assertThat(after.attachRate()).isCloseTo(0.0, within(1e-9));
        assertThat(r.effect().aovChange()).isCloseTo(70 / 3.0 - 15, within(1e-9));
        assertThat(r.effect().attachRateChange()).isCloseTo(2 / 3.0 - 0.5, within(1e-9));
        assertThat(r.effect().aovChangeVsComparison()).isNull();
    }

    @Test
    void comparesPersonsWhoSawThePromotionWithThoseWhoDidNot() {
        PromotionResult r = run(",\"exposure\":{\"event\":\"promo_view\",\"where\":[{\"property\":\"campaign\",\"op\":\"eq\",\"value\":\"bundle1\"}]}");
        assertThat(r.periods().get(1).groups()).extracting(PromotionResult.Group::group).containsExactly("all", "exposed", "comparison");
        PromotionResult.Group exposedDuring = r.periods().get(1).groups().get(1);
        assertThat(exposedDuring.aov()).isCloseTo(30.0, within(1e-9));
        assertThat(exposedDuring.attachRate()).isCloseTo(1.0, within(1e-9));
        PromotionResult.Group comparisonBefore = r.periods().get(0).groups().get(2);
        assertThat(comparisonBefore.aov()).isCloseTo(17.5, within(1e-9));
        assertThat(r.effect().aovChangeVsComparison()).isCloseTo((30 - 10) - (20 - 17.5), within(1e-9));
        assertThat(r.effect().attachRateChangeVsComparison()).isCloseTo((1 - 0) - (0.5 - 1), within(1e-9));
    }

    @Test
    void rejectsABundleOfOneItem() {
        assertThatThrownBy(() -> PromotionQuery.from(json("{\"bundle\":[\"A\"],\"promotion\":{\"from\":\"2026-11-10\",\"to\":\"2026-11-12\"}}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("bundle"));
        assertThatThrownBy(() -> PromotionQuery.from(json("{\"bundle\":[\"A\",\"A\"],\"promotion\":{\"from\":\"2026-11-10\",\"to\":\"2026-11-12\"}}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("bundle[1]"));
        assertThatThrownBy(() -> PromotionQuery.from(json("{\"bundle\":[\"A\",\"C\"],\"promotion\":{\"from\":\"2026-11-10\"}}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("promotion.to"));
    }
}
