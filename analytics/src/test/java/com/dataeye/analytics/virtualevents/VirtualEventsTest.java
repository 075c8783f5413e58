package com.dataeye.analytics.virtualevents;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.paths.PathsQuery;
import com.dataeye.analytics.paths.PathsResult;
import com.dataeye.analytics.paths.PathsRunner;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.VirtualEventScope;
import com.dataeye.analytics.retention.RetentionQuery;
import com.dataeye.analytics.retention.RetentionRunner;
import com.dataeye.analytics.segments.SegmentCompiler;
import com.dataeye.analytics.segments.SegmentParser;
import com.dataeye.analytics.segments.SegmentResolver;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.virtualevents.MatchField;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual events in every analysis, on a hand-made shop whose answers are counted in the comments,
 * and the store's answers checked against the definition's own reference semantics.
 */
class VirtualEventsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HOSTILE = "x'); DROP TABLE events; --";
    static DuckDb db;
    static QueryExecutor executor;
    static final List<Event> EVENTS = new ArrayList<>();

    private static Event e(String id, String person, String name, String cst, String url, String selector, String text) {
        Instant ts = OffsetDateTime.parse("2026-11-01T" + cst + "+08:00").toInstant();
        String path = url == null ? null : url.replaceFirst("https://shop.example", "").replaceFirst("\\?.*", "");
        return new Event(id, "shop", name, EventType.TRACK, person, person, person, null, ts, ts, "js", "1",
                new Event.Page(url, path, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                new Event.Device(null, null, null, null, null), new Event.Element(selector, null, text),
                new Event.Commerce(null, null, null), Map.of());
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        EVENTS.addAll(List.of(
                // p1 views the LUT page, clicks buy (and starts checkout in the same instant), then shares
                e("1", "p1", "$pageview", "10:00:00", "https://shop.example/p/lut", null, null),
                e("2", "p1", "$WebClick", "10:01:00", "https://shop.example/p/lut", "#buy-now", "立即购买"),
                e("3", "p1", "checkout_start", "10:01:00", "https://shop.example/p/lut", null, null),
                e("4", "p1", "$WebClick", "10:02:00", "https://shop.example/p/lut", "button.btn-share", "分享"),
                // p2 views and clicks buy on the next day
                e("5", "p2", "$pageview", "11:00:00", "https://shop.example/p/font", null, null),
                e("6", "p2", "$WebClick", "11:00:30", "https://shop.example/p/font", "#buy-now", "立即购买"),
                // p3 lands on a payment page and clicks a link whose text contains the buy words
                e("7", "p3", "$pageview", "12:00:00", "https://shop.example/pay/confirm?order=1", null, null),
                e("8", "p3", "$WebClick", "12:00:10", "https://shop.example/pay/confirm?order=1", "a.nav", "立即购买 now"),
                // p4's click carries hostile text in every field a rule can test
                e("9", "p4", "$WebClick", "13:00:00", "https://shop.example/p/%_", HOSTILE, "100%_off\\")));
        new DuckDbEventStore(db).commit(new CommitBatch(EVENTS, List.of(), List.of()));
        executor = new QueryExecutor(db, Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static VirtualEvent virtual(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.readValue(json, Map.class);
        return new VirtualEvent(VirtualEventDefinition.parse(m, Set.of()), 1, Instant.parse("2026-11-20T00:00:00Z"), "test", false);
    }

    static final VirtualEvent BUY_CLICK = virtual("""
            {"name": "buy_click", "rules": [{"events": ["$WebClick"],
              "conditions": [{"field": "element_selector", "op": "equals", "value": "#buy-now"}]}]}""");
    static final VirtualEvent PRODUCT_PAGE = virtual("""
            {"name": "product_page", "rules": [{"events": ["$pageview"],
              "conditions": [{"field": "url", "op": "starts_with", "value": "https://shop.example/p/"}]}]}""");

    static VirtualEventScope scope(VirtualEvent... vs) {
        return VirtualEventScope.of(List.of(vs));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> query(String json, VirtualEventScope scope) {
        Map<String, Object> q = JSON.readValue(json, Map.class);
        q.put(EventRef.VIRTUAL_EVENTS, scope);
        return q;
    }

    static double trendTotal(VirtualEvent v, String measure) {
        VirtualEventScope s = scope(v);
        return new TrendRunner(executor).run("shop", SHANGHAI, TrendQuery.from(query("{\"event\": \"" + v.name()
                + "\", \"measure\": {\"type\": \"" + measure + "\"}, \"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}", s)))
                .series().get(0).total();
    }

    /** What the definition's own Java semantics count over the fixture: the store must agree. */
    static long reference(VirtualEvent v) {
        return EVENTS.stream().filter(ev -> {
            Map<MatchField, String> f = new EnumMap<>(MatchField.class);
            if (ev.page().url() != null) {
                f.put(MatchField.URL, ev.page().url());
                f.put(MatchField.PATH, ev.page().path());
            }
            if (ev.element().selector() != null) {
                f.put(MatchField.ELEMENT_SELECTOR, ev.element().selector());
            }
            if (ev.element().text() != null) {
                f.put(MatchField.ELEMENT_TEXT, ev.element().text());
            }
            return v.definition().matches(ev.event(), f);
        }).count();
    }

    @Test
    void trendCountsTheClicksOnTheBuyButton() {
        assertThat(trendTotal(BUY_CLICK, "count")).isEqualTo(2.0); // events 2 and 6
        assertThat(trendTotal(BUY_CLICK, "persons")).isEqualTo(2.0);
        assertThat(reference(BUY_CLICK)).isEqualTo(2);
    }

    @Test
    void everyOperatorMatchesInTheStoreAsTheDefinitionSays() {
        List<VirtualEvent> all = List.of(
                // union of a real event and a click rule: event 3, plus clicks whose text contains the words (2, 6, 8)
                virtual("""
                        {"name": "buy_intent", "rules": [{"events": ["checkout_start"]},
                          {"events": ["$WebClick"], "conditions": [{"field": "element_text", "op": "contains", "value": "立即购买"}]}]}"""),
                virtual("""
                        {"name": "pay_page", "rules": [{"events": ["$pageview"],
                          "conditions": [{"field": "url", "op": "glob", "value": "*/pay/confirm*"}]}]}"""),
                virtual("""
                        {"name": "product_re", "rules": [{"events": ["$pageview", "$WebClick"],
                          "conditions": [{"field": "path", "op": "regex", "value": "^/p/[a-z]+$"}]}]}"""),
                virtual("""
                        {"name": "not_buy", "rules": [{"events": ["$WebClick"],
                          "conditions": [{"field": "element_selector", "op": "not_equals", "value": "#buy-now"},
                                         {"field": "element_text", "op": "not_contains", "value": "分享"}]}]}"""),
                virtual("""
                        {"name": "ends", "rules": [{"events": ["$WebClick", "$pageview"],
                          "conditions": [{"field": "url", "op": "ends_with", "value": "/p/lut"}]}]}"""));
        assertThat(all.stream().map(v -> trendTotal(v, "count")).toList()).containsExactly(4.0, 1.0, 5.0, 2.0, 3.0);
        for (VirtualEvent v : all) {
            assertThat((double) reference(v)).as(v.name()).isEqualTo(trendTotal(v, "count"));
        }
    }

    @Test
    void hostileValuesAreComparedAsTextNeverRunAsSql() {
        VirtualEvent exact = virtual("{\"name\": \"hostile\", \"rules\": [{\"events\": [\"$WebClick\"], \"conditions\": "
                + "[{\"field\": \"element_selector\", \"op\": \"equals\", \"value\": " + JSON.writeValueAsString(HOSTILE) + "}]}]}");
        assertThat(trendTotal(exact, "count")).isEqualTo(1.0);
        TrendRunner.Compiled c = TrendRunner.compile("shop", SHANGHAI, TrendQuery.from(query(
                "{\"event\": \"hostile\", \"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}", scope(exact))));
        assertThat(c.sql()).doesNotContain("DROP").doesNotContain("#buy-now");
        assertThat(c.args()).contains(HOSTILE);
        // LIKE's own wildcards in a glob match only themselves: "%" is not "anything", "_" not "any character"
        VirtualEvent glob = virtual("""
                {"name": "percent", "rules": [{"events": ["$WebClick"],
                  "conditions": [{"field": "element_text", "op": "glob", "value": "100%_off\\\\"}]}]}""");
        assertThat(trendTotal(glob, "count")).isEqualTo(1.0);
        VirtualEvent wildcard = virtual("""
                {"name": "wild", "rules": [{"events": ["$WebClick"],
                  "conditions": [{"field": "element_text", "op": "glob", "value": "%"}]}]}""");
        assertThat(trendTotal(wildcard, "count")).isEqualTo(0.0);
        assertThat(trendTotal(BUY_CLICK, "count")).as("the table is still there").isEqualTo(2.0);
    }

    @Test
    void funnelStepsMayBeVirtualEvents() {
        var r = new FunnelRunner(executor).run("shop", SHANGHAI, FunnelQuery.from(query("""
                {"steps": [{"event": "product_page"}, {"event": "buy_click"}, {"event": "checkout_start"}],
                 "from": "2026-11-01", "to": "2026-11-01"}""", scope(BUY_CLICK, PRODUCT_PAGE))));
        // p1 and p2 view a product page and click buy; only p1 starts checkout (same instant as the click: in step order)
        assertThat(r.groups().get(0).steps()).extracting(s -> s.event() + "=" + s.persons())
                .containsExactly("product_page=2", "buy_click=2", "checkout_start=1");
    }

    @Test
    void retentionInitialAndReturnEventsMayBeVirtual() {
        var r = new RetentionRunner(executor).run("shop", SHANGHAI, RetentionQuery.from(query("""
                {"initial": {"event": "product_page"}, "return": {"event": "buy_click"}, "from": "2026-11-01", "to": "2026-11-01",
                 "periods": 1}""", scope(BUY_CLICK, PRODUCT_PAGE))), LocalDate.of(2026, 11, 5));
        assertThat(r.cohorts().get(0).size()).isEqualTo(2); // p1, p2
    }

    @Test
    void pathsNameTheVirtualEventsTheirNodesMatch() {
        PathsResult r = new PathsRunner(executor).run("shop", SHANGHAI, PathsQuery.from(query("""
                {"start": {"event": "product_page"}, "events": ["buy_click", "checkout_start"], "depth": 2,
                 "from": "2026-11-01", "to": "2026-11-01"}""", scope(BUY_CLICK, PRODUCT_PAGE))));
        assertThat(r.nodes()).extracting(n -> n.id() + "=" + n.persons())
                .contains("0:product_page=2", "1:buy_click=2");
        assertThat(r.nodes()).noneMatch(n -> n.event().startsWith("$WebClick") || n.event().equals("$pageview"));
    }

    @Test
    void segmentConditionsMayNameVirtualEvents() {
        var node = SegmentParser.parse(Map.of("type", "event", "event", "buy_click", "count", Map.of("op", "gte", "value", 1),
                "period", Map.of("last_days", 30)), "definition");
        var resolver = SegmentResolver.of(id -> java.util.Optional.empty(), scope(BUY_CLICK));
        var c = SegmentCompiler.compile("shop", SHANGHAI, LocalDate.of(2026, 11, 5), node, resolver);
        List<String> persons = new ArrayList<>();
        List<Object> args = new ArrayList<>(c.fromArgs());
        args.addAll(c.conditionArgs());
        executor.query(c.membersSql() + " ORDER BY 1", args, rs -> persons.add(rs.getString(1)));
        assertThat(persons).containsExactly("p1", "p2");
    }

    @Test
    void compilesRulesToComparisonsWithTheEventNamesFirstAndEveryValueBound() {
        VirtualEvent v = virtual("""
                {"name": "two", "rules": [{"events": ["$WebClick"], "conditions": [{"field": "element_selector", "op": "equals", "value": "#a"},
                  {"field": "url", "op": "not_contains", "value": "test"}]}, {"events": ["checkout_start", "order_paid"]}]}""");
        List<Object> args = new ArrayList<>();
        assertThat(new EventRef("two", v).sql(args)).isEqualTo("(event IN (?, ?, ?) AND ((event = ? AND "
                + "selector_id IN (SELECT selector_id FROM event_selectors WHERE selector = ?) AND "
                + "coalesce(NOT contains(url, ?), true)) OR (event IN (?, ?))))");
        assertThat(args).containsExactly("$WebClick", "checkout_start", "order_paid", "$WebClick", "#a", "test", "checkout_start", "order_paid");
        args.clear();
        assertThat(new EventRef("buy_click", BUY_CLICK).sql(args)).isEqualTo("(event = ? AND selector_id IN (SELECT selector_id FROM event_selectors WHERE selector = ?))");
        assertThat(EventRef.real("order_paid").sql(args)).isEqualTo("event = ?");
    }

    @Test
    void theScopeRemembersWhichDefinitionsAnAnalysisUsed() {
        VirtualEventScope s = scope(BUY_CLICK, PRODUCT_PAGE);
        TrendQuery.from(query("{\"event\": \"buy_click\", \"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}", s));
        assertThat(s.used()).extracting(VirtualEvent::name).containsExactly("buy_click");
        assertThat(TrendQuery.from(query("{\"event\": \"checkout_start\", \"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}",
                VirtualEventScope.NONE)).event().isVirtual()).isFalse();
    }
}
