package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.dataeye.analytics.channels.Shop.event;
import static com.dataeye.analytics.channels.Shop.paid;
import static com.dataeye.analytics.channels.Shop.visit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases the attribution statement's shortcuts must keep (first events chosen as row ids, touch
 * fields read per grouping, exact credit). D's direct visit and WeChat share land in the same
 * instant; E lands direct with only a utm_campaign (the classifier keeps that direct); F comes from
 * Douyin, Baidu and a WeChat share within a week and pays 100 three ways; G comes from Douyin and
 * Kuaishou (one channel, two sources) and Baidu, and pays 90.
 */
class AttributionEdgesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static AttributionRunner runner;

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                visit("D", "2026-11-02T10:00:00", "direct", null, null, Map.of()),
                visit("D", "2026-11-02T10:00:00", "wechat", null, null, new HashMap<>(Map.of("share_source", "wechat_friend"))),
                paid("D", "2026-11-02T10:05:00", "d1", 10),
                event("E", "$pageview", "2026-11-03T10:00:00", "direct", null, "autumn", null, null, null, Map.of()),
                paid("E", "2026-11-03T10:05:00", "e1", 20),
                visit("F", "2026-11-04T10:00:00", "short_video", "douyin", null, Map.of()),
                visit("F", "2026-11-05T10:00:00", "search", null, "https://www.baidu.com/s?wd=x", Map.of()),
                visit("F", "2026-11-06T10:00:00", "wechat", null, null, new HashMap<>(Map.of("share_source", "wechat_friend"))),
                paid("F", "2026-11-07T10:00:00", "f1", 100),
                visit("G", "2026-11-10T10:00:00", "short_video", "douyin", null, Map.of()),
                visit("G", "2026-11-10T11:00:00", "short_video", "kuaishou", null, Map.of()),
                visit("G", "2026-11-10T12:00:00", "search", null, "https://www.baidu.com/s?wd=y", Map.of()),
                paid("G", "2026-11-10T13:00:00", "g1", 90)), List.of(), List.of()));
        runner = new AttributionRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static AttributionResult run(String model, String by) {
        return runner.run("shop", SHANGHAI, AttributionQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19", "model", model, "by", by)));
    }

    private static AttributionResult.Row row(AttributionResult r, String channel) {
        return r.rows().stream().filter(x -> x.channel().equals(channel)).findFirst().orElseThrow();
    }

    @Test
    void aNonDirectEventWinsAFirstTouchInTheSameInstant() {
        AttributionResult r = run("first_touch", "source");
        assertThat(r.rows()).filteredOn(x -> x.channel().equals("wechat")).singleElement()
                .satisfies(x -> assertThat(x.persons()).isEqualTo(1)).satisfies(x -> assertThat(x.revenue()).isEqualTo(10.0));
    }

    @Test
    void aDirectFirstTouchStillShowsItsCampaign() {
        AttributionResult r = run("first_touch", "campaign");
        assertThat(r.rows()).filteredOn(x -> x.channel().equals("direct") && "autumn".equals(x.campaign())).singleElement()
                .satisfies(x -> assertThat(x.persons()).isEqualTo(1)).satisfies(x -> assertThat(x.revenue()).isEqualTo(20.0));
    }

    @Test
    void linearThirdsAddUpExactlyToTheOrder() {
        AttributionResult r = runner.run("shop", SHANGHAI, AttributionQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-09",
                "model", "linear", "by", "source")));
        assertThat(row(r, "short_video").revenue()).isEqualTo(33.33);
        assertThat(row(r, "short_video").orders()).isEqualTo(0.3333);
        assertThat(row(r, "search").revenue()).isEqualTo(33.33);
        assertThat(r.totals().revenue()).isEqualTo(130.0);
        assertThat(r.totals().orders()).isEqualTo(3.0);
    }

    @Test
    void linearGivesEachSourceOfAChannelItsOwnShareEvenByChannel() {
        AttributionResult r = runner.run("shop", SHANGHAI, AttributionQuery.from(Map.of("from", "2026-11-10", "to", "2026-11-10",
                "model", "linear", "by", "channel")));
        assertThat(row(r, "short_video").revenue()).isEqualTo(60.0); // two of three shares of 90
        assertThat(row(r, "short_video").orders()).isEqualTo(0.6667);
        assertThat(row(r, "search").revenue()).isEqualTo(30.0);
    }

    @Test
    void everyGroupingCreditsTheSameTotalsPerChannel() {
        for (String model : List.of("first_touch", "last_touch", "linear")) {
            Map<String, Double> byChannel = perChannel(run(model, "channel"));
            assertThat(perChannel(run(model, "source"))).as(model + " by source").isEqualTo(byChannel);
            assertThat(perChannel(run(model, "campaign"))).as(model + " by campaign").isEqualTo(byChannel);
        }
    }

    private static Map<String, Double> perChannel(AttributionResult r) {
        Map<String, Double> out = new TreeMap<>();
        r.rows().forEach(x -> out.merge(x.channel(), x.revenue() * 1000 + x.persons(), Double::sum));
        return out;
    }
}
