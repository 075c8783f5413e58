package com.dataeye.analytics.query;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.paths.PathsQuery;
import com.dataeye.analytics.paths.PathsRunner;
import com.dataeye.analytics.retention.RetentionQuery;
import com.dataeye.analytics.retention.RetentionRunner;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Person-property filters on hand-made profiles (all records on 2026-11-01, Asia/Shanghai):
 * u1 set plan=vip city=上海, then set plan=free; u2 set_once plan=vip, set_once plan=free, increments
 * orders 2 and 1; u3 set plan=vip, unset plan, set city=北京; u4 set plan=vip, profile deleted, then
 * set_once city=深圳; u5 set plan=vip, and its device d5 browsed before logging in. Everyone views a
 * product at 10:00 (d5 as itself), carts at 10:05 and views again on 11-02.
 */
class PersonPropertyFilterTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DuckDb db;
    static QueryExecutor executor;
    static int seq;

    private static Event e(EventType type, String name, String person, String time, Map<String, Object> props) {
        var ts = OffsetDateTime.parse(time + "+08:00").toInstant();
        return new Event("pp" + (++seq), "shop", name, type, person, person, person, null, ts, ts, null, null,
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, null),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(null, null, null), props);
    }

    private static Event profile(EventType type, String person, String time, Map<String, Object> props) {
        return e(type, type.impliedEventName(), person, "2026-11-01T" + time, props);
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        DuckDbEventStore store = new DuckDbEventStore(db);
        List<Event> events = new ArrayList<>(List.of(
                profile(EventType.PROFILE_SET, "u1", "08:00:00", Map.of("plan", "vip", "city", "上海")),
                profile(EventType.PROFILE_SET, "u1", "09:00:00", Map.of("plan", "free")),
                profile(EventType.PROFILE_SET_ONCE, "u2", "08:00:00", Map.of("plan", "vip")),
                profile(EventType.PROFILE_SET_ONCE, "u2", "09:00:00", Map.of("plan", "free")),
                profile(EventType.PROFILE_INCREMENT, "u2", "08:30:00", Map.of("orders", 2)),
                profile(EventType.PROFILE_INCREMENT, "u2", "09:30:00", Map.of("orders", 1)),
                profile(EventType.PROFILE_SET, "u3", "08:00:00", Map.of("plan", "vip")),
                profile(EventType.PROFILE_UNSET, "u3", "09:00:00", Map.of("plan", true)),
                profile(EventType.PROFILE_SET, "u3", "09:30:00", Map.of("city", "北京")),
                profile(EventType.PROFILE_SET, "u4", "08:00:00", Map.of("plan", "vip")),
                profile(EventType.PROFILE_DELETE, "u4", "09:00:00", Map.of()),
                profile(EventType.PROFILE_SET_ONCE, "u4", "09:30:00", Map.of("city", "深圳")),
                profile(EventType.PROFILE_SET, "u5", "08:00:00", Map.of("plan", "vip"))));
        for (String p : List.of("u1", "u2", "u3", "u4", "d5")) {
            events.add(e(EventType.TRACK, "product_view", p, "2026-11-01T10:00:00", Map.of()));
            events.add(e(EventType.TRACK, "add_to_cart", p, "2026-11-01T10:05:00", Map.of()));
            events.add(e(EventType.TRACK, "product_view", p, "2026-11-02T10:00:00", Map.of()));
        }
        store.commit(new CommitBatch(events, List.of(new IdentityLink("shop", "d5", "u5", events.get(0).ts())), List.of()));
        executor = new QueryExecutor(db, Duration.ofSeconds(30));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String s) {
        return JSON.readValue(s, Map.class);
    }

    private static Map<String, String> profiles() {
        Map<String, String> out = new TreeMap<>();
        executor.query("SELECT person_id, name, value FROM person_properties WHERE project_id = ?", List.of("shop"),
                rs -> out.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3)));
        return out;
    }

    private static double viewers(String filter) {
        return new TrendRunner(executor).run("shop", SHANGHAI, TrendQuery.from(json("{\"event\":\"product_view\",\"measure\":{\"type\":\"persons\"},"
                + "\"from\":\"2026-11-01\",\"to\":\"2026-11-01\",\"filters\":[" + filter + "]}"))).series().get(0).total();
    }

    @Test
    void profileRecordsFoldInTimeOrder() {
        assertThat(profiles()).containsExactly(
                Map.entry("u1.city", "上海"), Map.entry("u1.plan", "free"),
                Map.entry("u2.orders", "3"), Map.entry("u2.plan", "vip"),
                Map.entry("u3.city", "北京"),
                Map.entry("u4.city", "深圳"),
                Map.entry("u5.plan", "vip"));
    }

    @Test
    void trendKeepsTheEventsOfPersonsWhoseProfileMatches() {
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"eq\",\"value\":\"vip\"}")).isEqualTo(2);   // u2, u5 (via d5)
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"neq\",\"value\":\"vip\"}")).isEqualTo(3);  // u1 u3 u4
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"in\",\"value\":[\"vip\",\"free\"]}")).isEqualTo(3);
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"not_in\",\"value\":[\"vip\",\"free\"]}")).isEqualTo(2);
        assertThat(viewers("{\"on\":\"person\",\"property\":\"city\",\"op\":\"contains\",\"value\":\"上\"}")).isEqualTo(1);
        assertThat(viewers("{\"on\":\"person\",\"property\":\"orders\",\"op\":\"gte\",\"value\":3}")).isEqualTo(1);
        assertThat(viewers("{\"on\":\"person\",\"property\":\"orders\",\"op\":\"between\",\"value\":[1,2.5]}")).isEqualTo(0);
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"is_set\"}")).isEqualTo(3);                  // u1 u2 u5
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"is_not_set\"}")).isEqualTo(2);              // u3 u4
        assertThat(viewers("{\"on\":\"person\",\"property\":\"plan\",\"op\":\"eq\",\"value\":\"vip\"},"
                + "{\"on\":\"person\",\"property\":\"orders\",\"op\":\"eq\",\"value\":3}")).isEqualTo(1);                     // u2
    }

    @Test
    void funnelsRetentionAndPathsTakeTheSameFilter() {
        String vip = "{\"on\":\"person\",\"property\":\"plan\",\"op\":\"eq\",\"value\":\"vip\"}";
        var funnel = new FunnelRunner(executor).run("shop", SHANGHAI, FunnelQuery.from(json("{\"steps\":[{\"event\":\"product_view\",\"filters\":["
                + vip + "]},{\"event\":\"add_to_cart\"}],\"window\":\"1d\",\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}")));
        assertThat(funnel.groups().get(0).steps()).extracting(s -> s.persons()).containsExactly(2L, 2L);
        var retention = new RetentionRunner(executor).run("shop", SHANGHAI, RetentionQuery.from(json("{\"initial\":{\"event\":\"product_view\","
                + "\"filters\":[" + vip + "]},\"return\":{\"event\":\"product_view\"},\"periods\":1,\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}")),
                LocalDate.parse("2026-11-10"));
        assertThat(retention.cohorts().get(0).size()).isEqualTo(2);
        assertThat(retention.cohorts().get(0).values().get(1)).isEqualTo(2.0);
        var paths = new PathsRunner(executor).run("shop", SHANGHAI, PathsQuery.from(json("{\"start\":{\"event\":\"product_view\",\"filters\":["
                + vip + "]},\"depth\":1,\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}")));
        assertThat(paths.nodes()).filteredOn(n -> n.id().equals("0:product_view")).singleElement()
                .satisfies(n -> assertThat(n.persons()).isEqualTo(2));
    }

    @Test
    void refusesAnUnknownSubjectNamingTheField() {
        assertThatThrownBy(() -> TrendQuery.from(json("{\"event\":\"x\",\"from\":\"2026-11-01\",\"to\":\"2026-11-01\","
                + "\"filters\":[{\"on\":\"planet\",\"property\":\"plan\",\"op\":\"eq\",\"value\":\"vip\"}]}")))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("filters[0].on"));
    }
}
