package com.dataeye.analytics.nps;

import com.dataeye.analytics.channels.Shop;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ten valid responses 10, 9, 9, 8, 7 (week of 11-02, community persons) and 6, 0, 3, 10, 5 (week of
 * 11-09, short-video persons): 4 promoters, 2 passives, 4 detractors, NPS 0; plus a score "x" and an
 * 11, which are ignored, and a response outside the range.
 */
class NpsRunnerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static DuckDb db;
    static NpsRunner runner;

    private static Event response(String person, String cst, Object score) {
        return Shop.event(person, "nps_response", cst, "direct", null, null, null, null, null, Map.of("score", score));
    }

    @BeforeAll
    static void shop() {
        List<Event> events = new ArrayList<>();
        Object[] scores = {10, 9, 9, 8, 7, 6, 0, 3, 10, 5};
        for (int i = 0; i < scores.length; i++) {
            String person = "P" + i;
            String channel = i < 5 ? "community" : "short_video";
            String day = i < 5 ? "2026-11-0" + (3 + i % 3) : "2026-11-1" + (i % 3);
            events.add(Shop.visit(person, day + "T09:00:00", channel, null, null, Map.of()));
            events.add(response(person, day + "T10:00:00", scores[i]));
        }
        events.add(response("P0", "2026-11-05T11:00:00", "x"));
        events.add(response("P1", "2026-11-05T11:00:00", 11));
        events.add(response("P2", "2026-12-05T11:00:00", 0));
        db = DuckDb.open(null, null);
        new DuckDbEventStore(db).commit(new CommitBatch(events, List.of(), List.of()));
        runner = new NpsRunner(new QueryExecutor(db, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static NpsResult run(String by) {
        return runner.run("shop", SHANGHAI, NpsQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-30", "by", by)));
    }

    @Test
    void npsIsPromotersMinusDetractorsWithATrinomialInterval() {
        NpsResult r = run("none");
        NpsScore all = r.overall();
        assertThat(all.responses()).isEqualTo(10);
        assertThat(all.promoters()).isEqualTo(4);
        assertThat(all.passives()).isEqualTo(2);
        assertThat(all.detractors()).isEqualTo(4);
        assertThat(all.nps()).isEqualTo(0.0);
        // p = d = 0.4: variance (0.8 − 0) / 10, standard error 28.284 points, z(97.5 %) = 1.95996: ± 55.436
        assertThat(all.ciLow()).isEqualTo(-55.44);
        assertThat(all.ciHigh()).isEqualTo(55.44);
        assertThat(r.ignored()).isEqualTo(2);
        assertThat(r.groups()).isEmpty();
    }

    @Test
    void trendsByWeekAndSplitsByChannel() {
        NpsResult weeks = run("week");
        assertThat(weeks.groups()).extracting(NpsScore::group).containsExactly("2026-11-02", "2026-11-09");
        assertThat(weeks.groups().get(0).nps()).isEqualTo(60.0);    // 3 promoters, 2 passives
        assertThat(weeks.groups().get(1).nps()).isEqualTo(-60.0);   // 1 promoter, 4 detractors
        NpsResult channels = run("channel");
        assertThat(channels.groups()).extracting(g -> g.group() + "=" + g.nps()).containsExactlyInAnyOrder("community=60.0", "short_video=-60.0");
    }

    @Test
    void aUnanimousSampleHasAnIntervalClippedToTheScale() {
        NpsScore s = NpsScore.of("x", 5, 0, 0, 0.95);
        assertThat(s.nps()).isEqualTo(100.0);
        assertThat(s.ciHigh()).isEqualTo(100.0);
    }

    @Test
    void segmentsAreNotAvailableYetAndNamesAreChecked() {
        assertThatThrownBy(() -> NpsQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-30", "by", "segment")))
                .isInstanceOf(InvalidQueryException.class).extracting("field").isEqualTo("by");
        assertThatThrownBy(() -> NpsQuery.from(Map.of("from", "2026-11-01", "to", "2026-11-30", "score_property", "a'); --")))
                .isInstanceOf(InvalidQueryException.class).extracting("field").isEqualTo("score_property");
    }
}
