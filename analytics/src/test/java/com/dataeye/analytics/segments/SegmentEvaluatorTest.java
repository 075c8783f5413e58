package com.dataeye.analytics.segments;

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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-made persons, evaluated on 2026-11-30 (Asia/Shanghai):
 * <pre>
 * W  paid 800 (11-01) and 400 (11-20), 150 refunded 11-21: net 1050, gross 1200, 2 orders, last paid 10 days ago;
 *    an anonymous device's page view (11-01) is W's after a login
 * R  paid 1000 (11-10), 100 refunded (11-10): net 900, gross 1000; last seen 20 days ago
 * C  shared twice (11-05, 11-06)                  S  shared once (10-01), nothing since: last seen 60 days ago
 * I  sent invite code abc (11-02)                 J  accepted abc (11-03), paid 50 (11-04)
 * K  accepted abc (11-03), never paid             A  paid 20 (11-05): last seen 25 days ago
 * O  page views 11-29 and 11-30 (first seen 1 day ago), and an order on 12-05, after the evaluation day
 * P  page view; membership_level set 年度会员 then 终身会员; source set once ad then x; order_count +1 twice
 * </pre>
 */
class SegmentEvaluatorTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");
    static DuckDb db;
    static SegmentEvaluator evaluator;
    static StaticMembers lists;
    static int seq;
    static final Map<String, SegmentResolver.Target> SAVED = new HashMap<>();
    static final SegmentResolver RESOLVER = id -> Optional.ofNullable(SAVED.get(id))
            .or(() -> BuiltinSegments.find(id).map(b -> new SegmentResolver.Target(id, b.node())));

    static Event e(String name, EventType type, String person, String day, String amount, Map<String, Object> props) {
        var ts = OffsetDateTime.parse(day + "T12:00:00+08:00").toInstant().plusSeconds(++seq);
        return new Event("e" + seq, "shop", name, type, person, person, null, person, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(amount == null ? null : "o" + seq, null, amount == null ? null : new BigDecimal(amount)), props);
    }

    static Event track(String name, String person, String day) {
        return e(name, EventType.TRACK, person, day, null, Map.of());
    }

    static Event paid(String person, String day, String amount) {
        return e("order_paid", EventType.TRACK, person, day, amount, Map.of());
    }

    static Event refunded(String person, String day, String amount) {
        return e("order_refunded", EventType.TRACK, person, day, amount, Map.of());
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        List<Event> events = new ArrayList<>(List.of(
                paid("W", "2026-11-01", "800"), paid("W", "2026-11-20", "400"), refunded("W", "2026-11-21", "150"),
                track("$pageview", "w-phone", "2026-11-01"),
                paid("R", "2026-11-10", "1000"), refunded("R", "2026-11-10", "100"),
                track("share", "C", "2026-11-05"), track("share", "C", "2026-11-06"), track("share", "S", "2026-10-01"),
                e("invite_sent", EventType.TRACK, "I", "2026-11-02", null, Map.of("invite_code", "abc")),
                e("invite_accepted", EventType.TRACK, "J", "2026-11-03", null, Map.of("invite_code", "abc")), paid("J", "2026-11-04", "50"),
                e("invite_accepted", EventType.TRACK, "K", "2026-11-03", null, Map.of("invite_code", "abc")),
                paid("A", "2026-11-05", "20"),
                track("$pageview", "O", "2026-11-29"), track("$pageview", "O", "2026-11-30"), paid("O", "2026-12-05", "99"),
                track("$pageview", "P", "2026-11-01"),
                e("profile_set", EventType.PROFILE_SET, "P", "2026-11-01", null, Map.of("membership_level", "年度会员")),
                e("profile_set", EventType.PROFILE_SET, "P", "2026-11-15", null, Map.of("membership_level", "终身会员")),
                e("profile_set_once", EventType.PROFILE_SET_ONCE, "P", "2026-11-01", null, Map.of("source", "ad")),
                e("profile_set_once", EventType.PROFILE_SET_ONCE, "P", "2026-11-02", null, Map.of("source", "x")),
                e("profile_increment", EventType.PROFILE_INCREMENT, "P", "2026-11-03", null, Map.of("order_count", 1)),
                e("profile_increment", EventType.PROFILE_INCREMENT, "P", "2026-11-04", null, Map.of("order_count", 1))));
        new DuckDbEventStore(db).commit(new CommitBatch(events, List.of(new IdentityLink("shop", "w-phone", "W", events.get(0).ts())), List.of()));
        QueryExecutor executor = new QueryExecutor(db, Duration.ofSeconds(30));
        evaluator = new SegmentEvaluator(executor);
        lists = new StaticMembers(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    static SegmentNode def(String json) {
        return SegmentParser.parse(JsonMapper.builder().build().readValue(json, Map.class), "definition");
    }

    static List<String> members(SegmentNode node) {
        List<String> out = new ArrayList<>();
        evaluator.list("shop", SHANGHAI, AS_OF, new SegmentResolver.Target("t", node), RESOLVER, 0, 0, out::add);
        return out;
    }

    static List<String> builtin(String id) {
        return members(BuiltinSegments.find(id).orElseThrow().node());
    }

    @Test
    void whalesAreTopSpendersByNetSpend() {
        assertThat(builtin("whales")).containsExactly("W");
        assertThat(members(def("{\"type\":\"rfm\",\"monetary\":{\"op\":\"gte\",\"value\":1000},\"gross\":true}"))).containsExactly("R", "W");
    }

    @Test
    void topPercentOfSpendersRanksAmongPersonsWhoSpent() {
        // net spenders: W 1050, R 900, J 50, A 20
        assertThat(members(def("{\"type\":\"rfm\",\"monetary_top_percent\":25}"))).containsExactly("W");
        assertThat(members(def("{\"type\":\"rfm\",\"monetary_top_percent\":50}"))).containsExactly("R", "W");
    }

    @Test
    void contributorsShareTwiceOrInviteButAreNoWhales() {
        assertThat(builtin("contributors")).containsExactly("C", "I");
        assertThat(members(def("{\"type\":\"referrals\",\"invited_buyers\":{\"op\":\"gte\",\"value\":1}}"))).containsExactly("I");
    }

    @Test
    void observersAreActiveAndNeverPaid() {
        assertThat(builtin("observers")).containsExactly("K", "O", "P", "S");
    }

    @Test
    void lifecycleSegmentsFollowFirstAndLastSeen() {
        assertThat(builtin("new")).containsExactly("O");
        assertThat(builtin("churned")).containsExactly("S");
        assertThat(builtin("at_risk")).containsExactly("A", "J", "R");
    }

    @Test
    void didNotIsACountOfZeroAndIgnoresEventsAfterTheEvaluationDay() {
        assertThat(members(def("{\"type\":\"event\",\"event\":\"order_paid\",\"count\":{\"op\":\"eq\",\"value\":0}}")))
                .containsExactly("C", "I", "K", "O", "P", "S");
        assertThat(members(def("{\"not\":{\"type\":\"event\",\"event\":\"order_paid\"}}")))
                .containsExactly("C", "I", "K", "O", "P", "S");
    }

    @Test
    void eventConditionsTakeCountsFiltersAndPeriods() {
        assertThat(members(def("{\"type\":\"event\",\"event\":\"share\",\"count\":{\"op\":\"gte\",\"value\":2}}"))).containsExactly("C");
        assertThat(members(def("{\"type\":\"event\",\"event\":\"order_paid\",\"where\":[{\"property\":\"amount\",\"op\":\"gte\",\"value\":100}],"
                + "\"period\":{\"last_days\":15}}"))).containsExactly("W");
        assertThat(members(def("{\"type\":\"event\",\"event\":\"order_paid\",\"period\":{\"from\":\"2026-11-04\",\"to\":\"2026-11-05\"}}")))
                .containsExactly("A", "J");
        assertThat(members(def("{\"type\":\"rfm\",\"recency_days\":{\"op\":\"lte\",\"value\":10},\"frequency\":{\"op\":\"eq\",\"value\":2}}")))
                .containsExactly("W");
        assertThat(members(def("{\"type\":\"activity\",\"active_days\":{\"op\":\"gte\",\"value\":2},\"period\":{\"last_days\":7}}")))
                .containsExactly("O");
        // W: two payments, a refund and the merged phone's page view; profile updates are no activity
        assertThat(members(def("{\"type\":\"activity\",\"events\":{\"op\":\"gte\",\"value\":3}}"))).containsExactly("W");
    }

    @Test
    void personPropertiesComeFromProfileEvents() {
        assertThat(members(def("{\"type\":\"property\",\"property\":\"membership_level\",\"op\":\"eq\",\"value\":\"终身会员\"}"))).containsExactly("P");
        assertThat(members(def("{\"type\":\"property\",\"property\":\"membership_level\",\"op\":\"eq\",\"value\":\"年度会员\"}"))).isEmpty();
        assertThat(members(def("{\"type\":\"property\",\"property\":\"source\",\"op\":\"eq\",\"value\":\"ad\"}"))).containsExactly("P");
        assertThat(members(def("{\"type\":\"property\",\"property\":\"order_count\",\"op\":\"gte\",\"value\":2}"))).containsExactly("P");
        assertThat(members(def("{\"type\":\"property\",\"property\":\"source\",\"op\":\"neq\",\"value\":\"ad\"}")))
                .containsExactly("A", "C", "I", "J", "K", "O", "R", "S", "W");
    }

    @Test
    void combinesWithAndOrNot() {
        assertThat(members(def("{\"or\":[{\"type\":\"segment\",\"id\":\"whales\"},{\"and\":[{\"type\":\"event\",\"event\":\"share\"},"
                + "{\"not\":{\"type\":\"activity\",\"last_seen_days_ago\":{\"op\":\"gte\",\"value\":30}}}]}]}"))).containsExactly("C", "W");
    }

    @Test
    void staticListsAreSegmentsAndCanBeReferred() {
        lists.replace("shop", "vip-list", List.of("W", "O", "nobody", "W"));
        SegmentResolver.Target list = new SegmentResolver.Target("vip-list", null);
        assertThat(evaluator.count("shop", SHANGHAI, AS_OF, list, RESOLVER)).isEqualTo(3);
        SAVED.put("vip-list", list);
        assertThat(members(def("{\"and\":[{\"type\":\"segment\",\"id\":\"vip-list\"},{\"type\":\"event\",\"event\":\"$pageview\"}]}")))
                .containsExactly("O", "W");
        assertThat(evaluator.explain("shop", SHANGHAI, AS_OF, list, RESOLVER, "O").member()).isTrue();
    }

    @Test
    void explainsWhyAPersonIsOrIsNotInASegment() {
        BuiltinSegments.Builtin whales = BuiltinSegments.find("whales").orElseThrow();
        SegmentEvaluator.Membership w = evaluator.explain("shop", SHANGHAI, AS_OF, new SegmentResolver.Target("whales", whales.node()), RESOLVER, "W");
        assertThat(w.member()).isTrue();
        assertThat(w.conditions()).singleElement().satisfies(c -> {
            assertThat(c.met()).isTrue();
            assertThat(c.values()).containsEntry("net_spend", 1050.0);
            assertThat(c.description()).isEqualTo("net spend gte 1000");
        });
        SegmentEvaluator.Membership contributor = evaluator.explain("shop", SHANGHAI, AS_OF,
                new SegmentResolver.Target("contributors", BuiltinSegments.find("contributors").orElseThrow().node()), RESOLVER, "C");
        assertThat(contributor.member()).isTrue();
        assertThat(contributor.conditions()).filteredOn(c -> c.values().containsKey("shares"))
                .singleElement().satisfies(c -> assertThat(c.values()).containsEntry("shares", 2L));
        SegmentEvaluator.Membership nobody = evaluator.explain("shop", SHANGHAI, AS_OF, new SegmentResolver.Target("whales", whales.node()), RESOLVER, "ghost");
        assertThat(nobody.member()).isFalse();
    }

    @Test
    void anyAnalysisCanBeRestrictedToASegment() {
        SegmentPersonSet whales = SegmentPersonSet.of("shop", SHANGHAI, AS_OF,
                new SegmentResolver.Target("whales", BuiltinSegments.find("whales").orElseThrow().node()), RESOLVER);
        com.dataeye.analytics.trend.TrendRunner trend = new com.dataeye.analytics.trend.TrendRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
        java.util.function.Function<String, Double> paidOrders = op -> {
            Map<String, Object> filter = new HashMap<>(Map.of("on", "segment", "op", op, "value", "whales",
                    com.dataeye.analytics.query.Filter.SEGMENT_MEMBERS, whales));
            Map<String, Object> q = new HashMap<>(Map.of("event", "order_paid", "from", "2026-11-01", "to", "2026-11-30",
                    "filters", List.of(filter)));
            return trend.run("shop", SHANGHAI, com.dataeye.analytics.trend.TrendQuery.from(q)).series().get(0).total();
        };
        assertThat(paidOrders.apply("in")).isEqualTo(2.0); // W's two
        assertThat(paidOrders.apply("not_in")).isEqualTo(3.0); // R, J, A (O's is in December)
        // a segment the server did not resolve is an unknown segment, never an empty filter
        assertThatThrownBy(() -> com.dataeye.analytics.trend.TrendQuery.from(Map.of("event", "order_paid", "from", "2026-11-01",
                "to", "2026-11-30", "filters", List.of(Map.of("on", "segment", "value", "nope")))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("filters[0].value"));
    }

    @Test
    void bindsEveryValueAndNameAsAParameter() {
        SegmentCompiler.Compiled c = SegmentCompiler.compile("shop", SHANGHAI, AS_OF, def("{\"type\":\"event\",\"event\":\"x_evil\","
                + "\"where\":[{\"property\":\"coupon\",\"op\":\"eq\",\"value\":\"'; DROP TABLE events; --\"}]}"), RESOLVER);
        assertThat(c.membersSql()).doesNotContain("x_evil").doesNotContain("DROP").doesNotContain("coupon");
        assertThat(c.membersArgs()).contains("x_evil", "'; DROP TABLE events; --");
    }

    @Test
    void rejectsMistakesNamingTheField() {
        assertThatThrownBy(() -> def("{\"and\":[{\"type\":\"event\",\"event\":\"share\",\"cuont\":{}}]}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition.and[0].cuont"));
        assertThatThrownBy(() -> def("{\"type\":\"rfm\",\"monetary\":{\"op\":\"more\",\"value\":1}}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition.monetary.op"));
        assertThatThrownBy(() -> def("{\"or\":[]}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition.or"));
        assertThatThrownBy(() -> def("{\"type\":\"activity\"}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition"));
        assertThatThrownBy(() -> def("{\"type\":\"event\",\"event\":\"share\",\"period\":{\"last_days\":0}}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition.period.last_days"));
        assertThatThrownBy(() -> def("{\"type\":\"sgment\"}"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.field()).isEqualTo("definition.type"));
    }

    @Test
    void refusesASegmentThatRefersToItself() {
        SAVED.put("loop-a", new SegmentResolver.Target("loop-a", def("{\"type\":\"segment\",\"id\":\"loop-b\"}")));
        SAVED.put("loop-b", new SegmentResolver.Target("loop-b", def("{\"not\":{\"type\":\"segment\",\"id\":\"loop-a\"}}")));
        assertThatThrownBy(() -> members(def("{\"type\":\"segment\",\"id\":\"loop-a\"}")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("refers back to itself");
        assertThatThrownBy(() -> members(def("{\"type\":\"segment\",\"id\":\"no-such\"}")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("no segment 'no-such'");
    }
}
