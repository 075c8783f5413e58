package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-counted baskets (order lines of {@code order_paid}, Asia/Shanghai, range 11-01..11-30):
 * <pre>
 * o1 P1 A B      11-01        o5 P4 A B C   11-01
 * o2 P1 A B C    11-01        o6 P4 D       11-01
 * o3 P2 A C      11-01        o7 P5 A       11-01
 * o4 P3 B        11-01        o8 P5 C       11-30
 * </pre>
 * plus an {@code add_to_cart} of D in o1 and an order of A+D on 10-31, which must not count.
 * Orders: n = 8; A 5, B 4, C 4, D 1; AB 3, AC 3, BC 2, ABC 2.
 * Persons: n = 5; A 4, B 3, C 4; AB 2, AC 4 (3 within 7 days: P5's C came 29 days after A), BC 2, ABC 2.
 */
class AssociationRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static AssociationRunner runner;
    static int seq;

    static Event line(String project, String event, String person, String order, String product, String amount, String day,
                      Map<String, Object> props) {
        var ts = OffsetDateTime.parse(day + "T12:00:00+08:00").toInstant().plusSeconds(++seq);
        return new Event("e" + seq, project, event, EventType.TRACK, person, person, null, person, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(order, product, amount == null ? null : new BigDecimal(amount)), props);
    }

    static List<Event> order(String person, String order, String day, String... products) {
        List<Event> out = new ArrayList<>();
        for (String p : products) {
            out.add(line("shop", "order_paid", person, order, p, "10.00", day, Map.of("category", p.equals("C") || p.equals("D") ? "y" : "x")));
        }
        return out;
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        List<Event> events = new ArrayList<>();
        events.addAll(order("P1", "o1", "2026-11-01", "A", "B"));
        events.addAll(order("P1", "o2", "2026-11-01", "A", "B", "C"));
        events.addAll(order("P2", "o3", "2026-11-01", "A", "C"));
        events.addAll(order("P3", "o4", "2026-11-01", "B"));
        events.addAll(order("P4", "o5", "2026-11-01", "A", "B", "C"));
        events.addAll(order("P4", "o6", "2026-11-01", "D"));
        events.addAll(order("P5", "o7", "2026-11-01", "A"));
        events.addAll(order("P5", "o8", "2026-11-30", "C"));
        events.addAll(order("P6", "o0", "2026-10-31", "A", "D"));
        events.add(line("shop", "add_to_cart", "P1", "o1", "D", null, "2026-11-01", Map.of()));
        new DuckDbEventStore(db).commit(new CommitBatch(events, List.of(), List.of()));
        runner = new AssociationRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return JsonMapper.builder().build().readValue(text, Map.class);
    }

    static AssociationResult run(String extra) {
        return runner.run("shop", SHANGHAI, AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"min_count\":2" + extra + "}")));
    }

    static AssociationResult.Rule rule(AssociationResult r, String consequent, String... antecedent) {
        return r.rules().stream().filter(x -> x.antecedent().equals(List.of(antecedent)) && x.consequent().equals(consequent))
                .findFirst().orElseThrow(() -> new AssertionError("no rule " + List.of(antecedent) + " → " + consequent + " in " + r.rules()));
    }

    @Test
    void countsPairsAndTriplesWithinOrders() {
        AssociationResult r = run("");
        assertThat(r.transactions()).isEqualTo(8);
        assertThat(r.items()).extracting(AssociationResult.Item::item, AssociationResult.Item::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("A", 5L), org.assertj.core.groups.Tuple.tuple("B", 4L),
                        org.assertj.core.groups.Tuple.tuple("C", 4L));
        AssociationResult.Rule ac = rule(r, "C", "A");
        assertThat(ac.count()).isEqualTo(3);
        assertThat(ac.support()).isCloseTo(3 / 8.0, within(1e-9));
        assertThat(ac.confidence()).isCloseTo(0.6, within(1e-9));
        assertThat(ac.lift()).isCloseTo(1.2, within(1e-9));
        assertThat(ac.statement()).isEqualTo("60.0% of orders with A also contain C (3 of 5)");
        AssociationResult.Rule abc = rule(r, "C", "A", "B");
        assertThat(abc.count()).isEqualTo(2);
        assertThat(abc.confidence()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(abc.lift()).isCloseTo((2 / 3.0) / 0.5, within(1e-9));
        assertThat(rule(r, "B", "C").lift()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void ranksBundlesByLiftTimesVolumeAndDropsThoseWithoutLift() {
        AssociationResult r = run("");
        // AB and AC: lift 1.2 × 3 = 3.6; ABC: 2·8²/(5·4·4) = 1.6, × 2 = 3.2; BC has lift 1 and is no bundle
        assertThat(r.bundles()).extracting(AssociationResult.Itemset::items)
                .containsExactly(List.of("A", "B"), List.of("A", "C"), List.of("A", "B", "C"));
        assertThat(r.bundles().get(2).lift()).isCloseTo(1.6, within(1e-9));
        assertThat(r.bundles().get(0).score()).isCloseTo(3.6, within(1e-9));
    }

    @Test
    void minimumSupportPrunesRareItemsAndSets() {
        AssociationResult r = run(",\"min_support\":0.3"); // 0.3 × 8 = 2.4 → at least 3 orders
        assertThat(r.minCount()).isEqualTo(3);
        assertThat(r.bundles()).extracting(AssociationResult.Itemset::items).containsExactly(List.of("A", "B"), List.of("A", "C"));
        assertThat(r.rules()).noneMatch(x -> x.antecedent().size() == 2);
    }

    @Test
    void pairsOnlyWhenMaxSizeIsTwo() {
        assertThat(run(",\"max_size\":2").bundles()).allMatch(b -> b.items().size() == 2);
    }

    @Test
    void countsWhatOnePersonBoughtAcrossOrders() {
        AssociationResult r = run(",\"scope\":\"person\"");
        assertThat(r.transactions()).isEqualTo(5);
        AssociationResult.Rule ac = rule(r, "C", "A");
        assertThat(ac.count()).isEqualTo(4);
        assertThat(ac.confidence()).isCloseTo(1.0, within(1e-9));
        assertThat(ac.lift()).isCloseTo(1.25, within(1e-9));
        assertThat(ac.statement()).isEqualTo("100.0% of buyers of A also buy C (4 of 4)");
    }

    @Test
    void aTimeSpanKeepsOnlyItemsBoughtCloseTogether() {
        AssociationResult r = run(",\"scope\":\"person\",\"window_days\":7");
        AssociationResult.Rule ac = rule(r, "C", "A");
        assertThat(ac.count()).isEqualTo(3);
        assertThat(ac.statement()).isEqualTo("75.0% of buyers of A also buy C within 7 days (3 of 4)");
        assertThat(rule(r, "C", "A", "B").count()).isEqualTo(2);
    }

    @Test
    void anItemCanBeAnyPropertySuchAsCategory() {
        AssociationResult r = run(",\"scope\":\"person\",\"item\":\"category\"");
        // x: all 5 persons; y: P1, P2, P4, P5; both: 4
        AssociationResult.Rule xy = rule(r, "y", "x");
        assertThat(xy.count()).isEqualTo(4);
        assertThat(xy.confidence()).isCloseTo(0.8, within(1e-9));
        assertThat(rule(r, "x", "y").confidence()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void rejectsUnknownFieldsAndBadThresholds() {
        assertThatThrownBy(() -> AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"min_suport\":0.1}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("min_suport"));
        assertThatThrownBy(() -> AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"min_support\":2}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("min_support"));
        assertThatThrownBy(() -> AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"max_size\":4}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("max_size"));
        assertThatThrownBy(() -> AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"window_days\":7}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("window_days"));
        assertThatThrownBy(() -> AssociationQuery.from(json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"item\":\"x'; drop\"}")))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("item"));
    }
}
