package com.dataeye.analytics.funnel;

import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Funnel rules on hand-made persons (times in Asia/Shanghai, range 11-01..11-02, window 1 day):
 * A view→cart→pay 5 min apart; B cart in the same millisecond as the view, no pay; C cart before the
 * view only; D cart 25 h after the view; E browses anonymously, logs in, buys (sent out of order);
 * F views only outside the range; G enters on 11-02 and finishes on 11-03; H views twice, carts, pays
 * 25 h after the first view; I carts exactly 24 h after the view.
 */
class FunnelRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static FunnelRunner runner;
    static int seq;

    private static Event e(String name, String person, String cst, String page) {
        var ts = OffsetDateTime.parse(cst + "+08:00").toInstant();
        Map<String, Object> props = page == null ? Map.of() : Map.of("source_page", page);
        return new Event("e" + (++seq), "shop", name, EventType.TRACK, person, person, person, null, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(null, null, null), props);
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        DuckDbEventStore store = new DuckDbEventStore(db);
        List<Event> events = new ArrayList<>(List.of(
                e("product_view", "A", "2026-11-01T10:00:00", "home"), e("add_to_cart", "A", "2026-11-01T10:05:00", null),
                e("order_paid", "A", "2026-11-01T10:10:00", null),
                e("product_view", "B", "2026-11-01T11:00:00", "home"), e("add_to_cart", "B", "2026-11-01T11:00:00", null),
                e("add_to_cart", "C", "2026-11-01T09:00:00", null), e("product_view", "C", "2026-11-01T12:00:00", "search"),
                e("product_view", "D", "2026-11-01T13:00:00", "home"), e("add_to_cart", "D", "2026-11-02T14:00:00", null),
                e("order_paid", "E", "2026-11-01T15:00:00", null), e("add_to_cart", "E", "2026-11-01T14:30:00", null),
                e("product_view", "e-anon", "2026-11-01T14:00:00", "search"),
                e("product_view", "F", "2026-10-31T23:00:00", "home"), e("product_view", "F", "2026-11-03T09:00:00", "home"),
                e("product_view", "G", "2026-11-02T23:00:00", "home"), e("add_to_cart", "G", "2026-11-03T01:00:00", null),
                e("order_paid", "G", "2026-11-03T02:00:00", null),
                e("product_view", "H", "2026-11-01T09:00:00", "search"), e("product_view", "H", "2026-11-01T09:30:00", "search"),
                e("add_to_cart", "H", "2026-11-01T09:40:00", null), e("order_paid", "H", "2026-11-02T10:00:00", null),
                e("product_view", "I", "2026-11-01T08:00:00", "ad"), e("add_to_cart", "I", "2026-11-02T08:00:00", null)));
        store.commit(new CommitBatch(events, List.of(new IdentityLink("shop", "e-anon", "E", events.get(0).ts())), List.of()));
        runner = new FunnelRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static FunnelQuery query(String json) {
        return FunnelQuery.from(JsonMapper.builder().build().readValue(json, Map.class));
    }

    private static final String VIEW_CART_PAY = "{\"steps\":[{\"event\":\"product_view\"},{\"event\":\"add_to_cart\"},{\"event\":\"order_paid\"}],"
            + "\"window\":\"1d\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"";

    private static List<Long> persons(FunnelResult.Group g) {
        return g.steps().stream().map(FunnelResult.StepResult::persons).toList();
    }

    @Test
    void countsPersonsPerStepByTheDocumentedRules() {
        FunnelResult r = runner.run("shop", SHANGHAI, query(VIEW_CART_PAY + "}"));
        FunnelResult.Group all = r.groups().get(0);
        assertThat(all.group()).isEqualTo("$all");
        // entrants A B C D E G H I; carts A B E G H I; payments A E G
        assertThat(persons(all)).containsExactly(8L, 6L, 3L);
        assertThat(all.steps().get(1).droppedHere()).isEqualTo(2);
        assertThat(all.steps().get(2).conversion()).isEqualTo(3 / 8.0);
        assertThat(all.steps().get(2).stepConversion()).isEqualTo(3 / 6.0);
        // view→cart: B 0, A 300, E 1800, H 2400, G 7200, I 86400 s; cart→pay: A 300, E 1800, G 3600 s
        assertThat(all.steps().get(1).medianSeconds()).isEqualTo(2100.0);
        assertThat(all.steps().get(2).medianSeconds()).isEqualTo(1800.0);
    }

    @Test
    void listsThePersonsWhoDroppedAtAStep() {
        FunnelQuery q = query(VIEW_CART_PAY + "}");
        assertThat(runner.dropped("shop", SHANGHAI, q, 2, 100, 0)).containsExactly("C", "D");
        assertThat(runner.dropped("shop", SHANGHAI, q, 3, 100, 0)).containsExactly("B", "H", "I");
        assertThat(runner.dropped("shop", SHANGHAI, q, 3, 2, 1)).containsExactly("H", "I");
    }

    @Test
    void breaksDownByTheEntryEventsProperty() {
        FunnelResult r = runner.run("shop", SHANGHAI, query(VIEW_CART_PAY + ",\"breakdown\":{\"property\":\"source_page\",\"limit\":2}}"));
        assertThat(r.groups()).extracting(FunnelResult.Group::group).containsExactly("$all", "home", "search", "$other");
        assertThat(persons(r.groups().get(1))).containsExactly(4L, 3L, 2L);   // A B D G
        assertThat(persons(r.groups().get(2))).containsExactly(3L, 2L, 1L);   // C E H
        assertThat(persons(r.groups().get(3))).containsExactly(1L, 1L, 0L);   // I
        assertThat(r.groups().get(3).steps().get(1).medianSeconds()).isNull();
    }

    @Test
    void aRepeatedStepNeedsASecondOccurrence() {
        FunnelResult r = runner.run("shop", SHANGHAI, query("{\"steps\":[{\"event\":\"product_view\"},{\"event\":\"product_view\"}],"
                + "\"window\":\"1d\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"));
        assertThat(persons(r.groups().get(0))).containsExactly(8L, 1L);        // only H viewed twice
    }

    @Test
    void stepFiltersApply() {
        FunnelResult r = runner.run("shop", SHANGHAI, query("{\"steps\":[{\"event\":\"product_view\",\"filters\":[{\"property\":\"source_page\","
                + "\"op\":\"eq\",\"value\":\"search\"}]},{\"event\":\"add_to_cart\"}],\"window\":\"1d\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"));
        assertThat(persons(r.groups().get(0))).containsExactly(3L, 2L);        // C E H enter; E and H cart
    }

    @Test
    void anEmptyFunnelIsZerosNotAnError() {
        FunnelResult r = runner.run("shop", SHANGHAI, query("{\"steps\":[{\"event\":\"nothing\"},{\"event\":\"never\"}],\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"));
        assertThat(persons(r.groups().get(0))).containsExactly(0L, 0L);
    }

    @Test
    void refusesMalformedFunnelsNamingTheField() {
        assertThatThrownBy(() -> query("{\"steps\":[{\"event\":\"a\"}],\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("steps"));
        assertThatThrownBy(() -> query("{\"steps\":[{\"event\":\"a\"},{\"event\":\"b\"}],\"window\":\"forever\",\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("window"));
        assertThatThrownBy(() -> query("{\"steps\":[{\"event\":\"a\"},{\"event\":\"b\",\"filters\":[{\"property\":\"x'--\",\"op\":\"eq\",\"value\":1}]}],"
                + "\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}"))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("steps[1].filters[0].property"));
    }
}
