package com.dataeye.analytics.trend;

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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event analysis on a hand-made shop whose every answer is worked out in the comments. */
class TrendRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static TrendRunner runner;

    private static Event paid(String id, String person, String cst, int amount, String payment) {
        Map<String, Object> props = new HashMap<>();
        if (payment != null) {
            props.put("payment_method", payment);
        }
        var ts = OffsetDateTime.parse(cst + "+08:00").toInstant();
        return new Event(id, "shop", "order_paid", EventType.TRACK, person, person, person, null, ts, ts, "js", "1",
                new Event.Page(null, null, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce("o-" + id, "lut", BigDecimal.valueOf(amount)), props);
    }

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        DuckDbEventStore store = new DuckDbEventStore(db);
        List<Event> events = new ArrayList<>(List.of(
                paid("1", "p1", "2026-11-01T10:00:00", 10, "wechat"),
                paid("2", "p1", "2026-11-01T23:30:00", 20, "wechat"),   // still 11-01 in Shanghai, 15:30Z
                paid("3", "p2", "2026-11-02T00:30:00", 30, "card"),     // 11-02 in Shanghai, but 16:30Z on 11-01
                paid("4", "p3", "2026-11-02T12:00:00", 40, "alipay"),
                paid("5", "p4", "2026-11-03T09:00:00", 50, null),
                paid("6", "a5", "2026-11-03T10:00:00", 60, "wechat")));  // a5 later logs in as p1
        Event view = paid("7", "p9", "2026-11-02T10:00:00", 0, null);
        events.add(new Event("7", "shop", "product_view", EventType.TRACK, "p9", "p9", "p9", null, view.ts(), view.ts(), null, null,
                view.page(), view.acquisition(), view.device(), view.element(), view.commerce(), Map.of()));
        store.commit(new CommitBatch(events, List.of(new IdentityLink("shop", "a5", "p1", view.ts())), List.of()));
        runner = new TrendRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static TrendResult run(String json, ZoneId zone) {
        @SuppressWarnings("unchecked")
        Map<String, Object> q = JsonMapper.builder().build().readValue(json, Map.class);
        return runner.run("shop", zone, TrendQuery.from(q));
    }

    private static List<Double> values(TrendResult r, int series) {
        return r.series().get(series).values();
    }

    @Test
    void countsPerDayCutInTheProjectTimeZone() {
        String q = "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}";
        TrendResult shanghai = run(q, SHANGHAI);
        assertThat(shanghai.buckets()).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        assertThat(values(shanghai, 0)).containsExactly(2.0, 2.0, 2.0);
        assertThat(shanghai.series().get(0).total()).isEqualTo(6.0);
        // in UTC the 00:30 order moves to 11-01, and the 10:00 and 23:30 orders of 11-01 are 02:00Z and 15:30Z
        assertThat(values(run(q, ZoneId.of("UTC")), 0)).containsExactly(3.0, 1.0, 2.0);
    }

    @Test
    void countsPersonsAfterIdentityMerge() {
        TrendResult r = run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"persons\"},\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", SHANGHAI);
        // 11-01 {p1}, 11-02 {p2, p3}, 11-03 {p4, a5 = p1}; over the range {p1, p2, p3, p4}
        assertThat(values(r, 0)).containsExactly(1.0, 2.0, 2.0);
        assertThat(r.series().get(0).total()).isEqualTo(4.0);
    }

    @Test
    void sumsAveragesAndPercentilesOfAProperty() {
        TrendResult sum = run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", SHANGHAI);
        assertThat(values(sum, 0)).containsExactly(30.0, 70.0, 110.0);
        assertThat(sum.series().get(0).total()).isEqualTo(210.0);
        TrendResult avg = run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"avg\",\"property\":\"amount\"},\"from\":\"2026-10-31\",\"to\":\"2026-11-01\"}", SHANGHAI);
        assertThat(values(avg, 0)).containsExactly(null, 15.0);
        TrendResult p50 = run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"p50\",\"property\":\"amount\"},\"interval\":\"month\",\"from\":\"2026-11-01\",\"to\":\"2026-11-30\"}", SHANGHAI);
        assertThat(p50.buckets()).containsExactly("2026-11");
        assertThat(values(p50, 0)).containsExactly(35.0);
        TrendResult perPerson = run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"per_person\"},\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", SHANGHAI);
        assertThat(perPerson.series().get(0).total()).isEqualTo(1.5);
    }

    @Test
    void percentilesAndExtremes() {
        String range = "\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}";
        // amounts 10 20 30 40 50 60 over the three days
        assertThat(run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"p90\",\"property\":\"amount\"}," + range, SHANGHAI)
                .series().get(0).total()).isEqualTo(55.0);
        assertThat(run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"p99\",\"property\":\"amount\"}," + range, SHANGHAI)
                .series().get(0).total()).isCloseTo(59.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(values(run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"min\",\"property\":\"amount\"}," + range, SHANGHAI), 0))
                .containsExactly(10.0, 30.0, 50.0);
        assertThat(values(run("{\"event\":\"order_paid\",\"measure\":{\"type\":\"max\",\"property\":\"amount\"}," + range, SHANGHAI), 0))
                .containsExactly(20.0, 40.0, 60.0);
    }

    @Test
    void cutsHoursAndMondayWeeksInTheProjectTimeZone() {
        TrendResult hours = run("{\"event\":\"order_paid\",\"interval\":\"hour\",\"from\":\"2026-11-01\",\"to\":\"2026-11-01\"}", SHANGHAI);
        assertThat(hours.buckets()).hasSize(24).startsWith("2026-11-01T00:00").endsWith("2026-11-01T23:00");
        assertThat(values(hours, 0).get(10)).isEqualTo(1.0);
        assertThat(values(hours, 0).get(23)).isEqualTo(1.0);
        assertThat(hours.series().get(0).total()).isEqualTo(2.0);
        // 2026-11-01 is a Sunday: its week began on Monday 10-26; the 00:30 order of 11-02 is in the next week in
        // Shanghai, but still on Sunday 11-01 (16:30Z) in UTC
        String weeks = "{\"event\":\"order_paid\",\"interval\":\"week\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}";
        TrendResult shanghai = run(weeks, SHANGHAI);
        assertThat(shanghai.buckets()).containsExactly("2026-10-26", "2026-11-02");
        assertThat(values(shanghai, 0)).containsExactly(2.0, 4.0);
        assertThat(values(run(weeks, ZoneId.of("UTC")), 0)).containsExactly(3.0, 3.0);
    }

    @Test
    void breaksDownByTopValuesThenOtherThenNone() {
        TrendResult r = run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"breakdown\":{\"property\":\"payment_method\",\"limit\":1}}", SHANGHAI);
        assertThat(r.series()).extracting(TrendResult.Series::group).containsExactly("wechat", "$other", "$none");
        assertThat(values(r, 0)).containsExactly(2.0, 0.0, 1.0);
        assertThat(values(r, 1)).containsExactly(0.0, 2.0, 0.0);
        assertThat(values(r, 2)).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void filtersOnColumnsAndOnProperties() {
        assertThat(values(run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"filters\":[{\"property\":\"amount\",\"op\":\"gte\",\"value\":30}]}", SHANGHAI), 0)).containsExactly(0.0, 2.0, 2.0);
        assertThat(values(run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"filters\":[{\"property\":\"payment_method\",\"op\":\"in\",\"value\":[\"wechat\",\"alipay\"]},"
                + "{\"property\":\"amount\",\"op\":\"between\",\"value\":[15,60]}]}", SHANGHAI), 0)).containsExactly(1.0, 1.0, 1.0);
        assertThat(values(run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"filters\":[{\"property\":\"payment_method\",\"op\":\"is_not_set\"}]}", SHANGHAI), 0)).containsExactly(0.0, 0.0, 1.0);
        assertThat(values(run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"filters\":[{\"property\":\"payment_method\",\"op\":\"neq\",\"value\":\"wechat\"}]}", SHANGHAI), 0)).containsExactly(0.0, 2.0, 1.0);
    }

    @Test
    void comparesWithThePeriodJustBefore() {
        TrendResult r = run("{\"event\":\"order_paid\",\"from\":\"2026-11-02\",\"to\":\"2026-11-03\",\"compare\":\"previous_period\"}", SHANGHAI);
        assertThat(values(r, 0)).containsExactly(2.0, 2.0);
        assertThat(r.previous().get(0).values()).containsExactly(0.0, 2.0);   // 10-31 and 11-01
    }

    @Test
    void sqlInjectionThroughAnyStringFieldFindsNothingAndHarmsNothing() {
        String evil = "x' OR '1'='1'; DROP TABLE events; --";
        for (String json : List.of(
                "{\"event\":\"" + evil + "\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"filters\":[{\"property\":\"payment_method\",\"op\":\"eq\",\"value\":\"" + evil + "\"}]}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"filters\":[{\"property\":\"channel\",\"op\":\"contains\",\"value\":\"" + evil + "\"}]}")) {
            assertThat(run(json, SHANGHAI).series().get(0).total()).isZero();
        }
        for (String json : List.of(
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"breakdown\":{\"property\":\"" + evil + "\"}}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"measure\":{\"type\":\"sum\",\"property\":\"" + evil + "\"}}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"filters\":[{\"property\":\"" + evil + "\",\"op\":\"eq\",\"value\":1}]}",
                "{\"event\":\"order_paid\",\"from\":\"" + evil + "\",\"to\":\"2026-11-03\"}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"interval\":\"" + evil + "\"}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"measure\":{\"type\":\"" + evil + "\"}}",
                "{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\",\"filters\":[{\"property\":\"amount\",\"op\":\"" + evil + "\",\"value\":1}]}")) {
            assertThatThrownBy(() -> run(json, SHANGHAI)).isInstanceOf(InvalidQueryException.class);
        }
        assertThat(run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", SHANGHAI).series().get(0).total()).isEqualTo(6.0);
    }

    @Test
    void namesTheOffendingField() {
        assertThatThrownBy(() -> run("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"filters\":[{\"property\":\"amount\",\"op\":\"gt\",\"value\":\"ten\"}]}", SHANGHAI))
                .isInstanceOf(InvalidQueryException.class)
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("filters[0].value"));
        assertThatThrownBy(() -> run("{\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}", SHANGHAI))
                .satisfies(e -> assertThat(((InvalidQueryException) e).field()).isEqualTo("event"));
    }

    @Test
    void generatedSqlBindsEveryValue() {
        @SuppressWarnings("unchecked")
        Map<String, Object> q = JsonMapper.builder().build().readValue("{\"event\":\"order_paid\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\","
                + "\"measure\":{\"type\":\"sum\",\"property\":\"amount\"},\"breakdown\":{\"property\":\"payment_method\",\"limit\":3},"
                + "\"filters\":[{\"property\":\"channel\",\"op\":\"eq\",\"value\":\"community\"}]}", Map.class);
        TrendRunner.Compiled c = TrendRunner.compile("shop", SHANGHAI, TrendQuery.from(q));
        assertThat(c.sql()).isEqualTo("WITH base AS (SELECT date_trunc('day', make_timestamp(epoch_us(ts) + ?)) AS bucket, json_extract_string(properties, ?) AS grp, "
                + "person_id, CAST(amount AS DOUBLE) AS v FROM resolved_events WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ? "
                + "AND channel IN (?)), top AS (SELECT grp FROM base WHERE grp IS NOT NULL GROUP BY grp ORDER BY sum(v) DESC NULLS LAST, grp LIMIT ?) "
                + "SELECT bucket, CASE WHEN grp IS NULL THEN '$none' WHEN grp IN (SELECT grp FROM top) THEN grp ELSE '$other' END AS g, "
                + "sum(v) AS value FROM base GROUP BY GROUPING SETS ((bucket, g), (g)) ORDER BY g, bucket NULLS FIRST");
        assertThat(c.args()).hasSize(8).contains(8 * 3600 * 1_000_000L, "$.\"payment_method\"", "shop", "order_paid", "community", 3);
        assertThat(Arrays.asList(c.sql().split("\\?"))).hasSize(9);
    }
}
