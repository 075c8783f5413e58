package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.InvalidQueryException;
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

import static com.dataeye.analytics.channels.Shop.event;
import static com.dataeye.analytics.channels.Shop.paid;
import static com.dataeye.analytics.channels.Shop.refunded;
import static com.dataeye.analytics.channels.Shop.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orders 11-01..11-19 (Shanghai). A lands from 知识星球 (utm zsxq, campaign spring) on 11-01, comes
 * back from 抖音 (utm douyin) on 11-04 09:00 and pays o1 100 on 11-05 10:00 (25 hours later), 20 of it
 * refunded. B lands direct on 11-02, comes from Baidu on 11-03 and pays o2 50 the same day. C lands
 * from a WeChat share on 11-02 and pays only after the range.
 */
class AttributionRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static AttributionRunner runner;

    @BeforeAll
    static void shop() {
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                event("A", "$pageview", "2026-11-01T10:00:00", "community", "zsxq", "spring", null, null, null, Map.of()),
                visit("A", "2026-11-04T09:00:00", "short_video", "douyin", null, Map.of()),
                paid("A", "2026-11-05T10:00:00", "o1", 100), refunded("A", "2026-11-06T10:00:00", "o1", 20),
                visit("B", "2026-11-02T10:00:00", "direct", null, null, Map.of()),
                visit("B", "2026-11-03T10:00:00", "search", null, "https://www.baidu.com/s?wd=lut", Map.of()),
                paid("B", "2026-11-03T10:10:00", "o2", 50),
                visit("C", "2026-11-02T11:00:00", "wechat", null, null, new HashMap<>(Map.of("share_source", "wechat_friend"))),
                paid("C", "2026-11-20T10:00:00", "o3", 70)), List.of(), List.of()));
        runner = new AttributionRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static AttributionResult run(String model, String by, int lookback) {
        return runner.run("shop", SHANGHAI, AttributionQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19",
                "model", model, "by", by, "lookback_days", lookback)));
    }

    private static Map<String, Double> revenue(AttributionResult r) {
        Map<String, Double> out = new HashMap<>();
        r.rows().forEach(x -> out.put(x.channel() + (x.source() == null ? "" : "/" + x.source())
                + (x.campaign() == null ? "" : "/" + x.campaign()), x.revenue()));
        return out;
    }

    @Test
    void firstTouchCreditsTheBuyersFirstEventAndCountsAcquiredPersons() {
        AttributionResult r = run("first_touch", "channel", 30);
        assertThat(revenue(r)).containsEntry("community", 80.0).containsEntry("direct", 50.0).containsEntry("wechat", 0.0);
        assertThat(r.rows()).filteredOn(x -> x.channel().equals("wechat")).singleElement()
                .satisfies(x -> assertThat(x.persons()).isEqualTo(1));
        assertThat(r.totals().revenue()).isEqualTo(130.0);
        assertThat(r.totals().orders()).isEqualTo(2.0);
        assertThat(r.totals().persons()).isEqualTo(3);
        assertThat(r.rows().get(0).revenueShare()).isEqualTo(0.6154); // 80 / 130
    }

    @Test
    void lastTouchCreditsTheLastNonDirectTouchWithinTheLookback() {
        assertThat(revenue(run("last_touch", "source", 30))).containsEntry("short_video/douyin", 80.0).containsEntry("search/baidu", 50.0);
        // the Douyin visit was 25 hours before the order: outside a one-day lookback
        assertThat(revenue(run("last_touch", "channel", 1))).containsEntry("direct", 80.0).containsEntry("search", 50.0);
    }

    @Test
    void linearSplitsAnOrderEquallyOverItsDistinctTouches() {
        AttributionResult r = run("linear", "channel", 30);
        assertThat(revenue(r)).containsEntry("community", 40.0).containsEntry("short_video", 40.0).containsEntry("search", 50.0);
        assertThat(r.rows()).filteredOn(x -> x.channel().equals("community")).singleElement()
                .satisfies(x -> assertThat(x.orders()).isEqualTo(0.5));
        assertThat(r.totals().orders()).isEqualTo(2.0);
    }

    @Test
    void campaignsComeFromUtmCampaign() {
        assertThat(revenue(run("first_touch", "campaign", 30))).containsEntry("community/spring", 80.0).containsEntry("direct/(none)", 50.0);
    }

    @Test
    void rejectsAnUnknownModel() {
        assertThatThrownBy(() -> AttributionQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-19", "model", "u_shaped")))
                .isInstanceOf(InvalidQueryException.class).extracting("field").isEqualTo("model");
    }
}
