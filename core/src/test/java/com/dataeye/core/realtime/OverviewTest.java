package com.dataeye.core.realtime;

import com.dataeye.core.event.EventType;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverviewTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2026-11-25, 12:00:30 in Shanghai. */
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 25, 12, 0, 30, 0, SHANGHAI);

    private final Overview overview = new Overview(Clock.fixed(NOW.toInstant(), ZoneOffset.UTC), p -> SHANGHAI);

    private static CountedEvent track(String person, String event, ZonedDateTime at, double amount) {
        return new CountedEvent(person, person, null, event, EventType.TRACK, at.toInstant(), Math.round(amount * 100));
    }

    private void send(String person, String event, ZonedDateTime at) {
        overview.accept("shop", track(person, event, at, 0));
    }

    @Test
    void countsTodaysPageViewsVisitorsOrdersGmvAndAov() {
        send("a", "$pageview", NOW.minusHours(2));
        send("a", "$pageview", NOW.minusHours(1));
        send("b", "$MPViewScreen", NOW.minusMinutes(5));
        send("c", "search", NOW.minusMinutes(4));
        overview.accept("shop", track("a", "order_paid", NOW.minusMinutes(3), 39.90));
        overview.accept("shop", track("c", "order_paid", NOW.minusMinutes(2), 10.10));
        overview.accept("shop", track("c", "order_paid", NOW.minusMinutes(1), 20.00));
        overview.accept("shop", track("c", "order_refunded", NOW.minusMinutes(1), 20.00));

        OverviewSnapshot.Totals t = overview.snapshot("shop", 1).today();

        assertThat(t.pv()).isEqualTo(3);
        assertThat(t.uv()).isEqualTo(2);          // a and b viewed pages
        assertThat(t.dau()).isEqualTo(3);         // c only searched and paid
        assertThat(t.newUsers()).isEqualTo(3);
        assertThat(t.orders()).isEqualTo(3);
        assertThat(t.gmv()).isEqualTo(70.00);
        assertThat(t.refunds()).isEqualTo(20.00);
        assertThat(t.aov()).isEqualTo(23.33);     // 70.00 / 3
        assertThat(t.payers()).isEqualTo(2);
        assertThat(t.payingConversion()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(t.events()).isEqualTo(8);
    }

    @Test
    void comparesWithYesterdayUpToTheSameTimeOfDay() {
        send("y1", "$pageview", NOW.minusDays(1).minusHours(3));   // yesterday 09:00: counted
        send("y2", "$pageview", NOW.minusDays(1).plusHours(3));    // yesterday 15:00: not yet at this time
        overview.accept("shop", track("y1", "order_paid", NOW.minusDays(1).minusMinutes(10), 50));
        send("t1", "$pageview", NOW.minusHours(1));
        send("t2", "$pageview", NOW.minusHours(1));
        overview.accept("shop", track("t1", "order_paid", NOW.minusMinutes(10), 100));

        OverviewSnapshot s = overview.snapshot("shop", 1);

        assertThat(s.yesterdaySameTime().pv()).isEqualTo(1);
        assertThat(s.yesterdaySameTime().uv()).isEqualTo(1);
        assertThat(s.yesterdaySameTime().gmv()).isEqualTo(50.0);
        assertThat(s.change().pv()).isEqualTo(1.0);     // 2 vs 1: +100 %
        assertThat(s.change().gmv()).isEqualTo(1.0);
        assertThat(s.change().orders()).isEqualTo(0.0);
        assertThat(s.date()).isEqualTo("2026-11-25");
    }

    @Test
    void aVisitorWhoLogsInIsOneNewUser() {
        send("anon-1", "$pageview", NOW.minusMinutes(10));
        overview.accept("shop", new CountedEvent("user-1", "anon-1", "user-1", "$identify", EventType.IDENTIFY,
                NOW.minusMinutes(9).toInstant(), 0));
        overview.accept("shop", new CountedEvent("user-1", "anon-1", "user-1", "order_paid", EventType.TRACK,
                NOW.minusMinutes(8).toInstant(), 990));
        send("user-1", "$pageview", NOW.minusMinutes(7));

        assertThat(overview.snapshot("shop", 1).today().newUsers()).isEqualTo(1);
    }

    @Test
    void aPersonSeenBeforeTheWindowIsNotNewAndOneSeenTodayIs() {
        overview.restoreFirstSeen("shop", "old", NOW.minusDays(100).toInstant());
        overview.restoreFirstSeen("shop", "fresh", NOW.minusHours(2).toInstant());
        send("old", "$pageview", NOW.minusHours(1));
        send("fresh", "$pageview", NOW.minusHours(1));

        OverviewSnapshot.Totals t = overview.snapshot("shop", 1).today();
        assertThat(t.newUsers()).isEqualTo(1);
        assertThat(t.dau()).isEqualTo(2);
    }

    @Test
    void weeklyAndMonthlyActivePersonsUnionTheirDays() {
        send("a", "$pageview", NOW);
        send("a", "$pageview", NOW.minusDays(1));
        send("b", "$pageview", NOW.minusDays(6));   // in the week
        send("c", "$pageview", NOW.minusDays(7));   // out of the week, in the month
        send("d", "$pageview", NOW.minusDays(29));  // last day of the month
        send("e", "$pageview", NOW.minusDays(30));  // out of the month

        OverviewSnapshot s = overview.snapshot("shop", 1);
        assertThat(s.wau()).isEqualTo(2);
        assertThat(s.mau()).isEqualTo(4);
    }

    @Test
    void theMinuteSeriesEndsWithTheCurrentMinute() {
        send("a", "$pageview", NOW);
        send("b", "$pageview", NOW.minusMinutes(2));
        send("c", "$pageview", NOW.minusMinutes(2));
        overview.accept("shop", track("c", "order_paid", NOW.minusMinutes(2), 9.9));

        OverviewSnapshot s = overview.snapshot("shop", 1);
        assertThat(s.minutes()).hasSize(60);
        OverviewSnapshot.Minute last = s.minutes().get(59);
        assertThat(last.minute()).isEqualTo("2026-11-25T12:00+08:00");
        assertThat(last.pv()).isEqualTo(1);
        OverviewSnapshot.Minute twoAgo = s.minutes().get(57);
        assertThat(twoAgo.pv()).isEqualTo(2);
        assertThat(twoAgo.uv()).isEqualTo(2);
        assertThat(twoAgo.orders()).isEqualTo(1);
        assertThat(twoAgo.gmv()).isEqualTo(9.9);
        assertThat(s.minutes().get(58).events()).isZero();
    }

    @Test
    void distinctCountsAreWithinThreeStandardErrorsAtScale() {
        int persons = 200_000;
        for (int i = 0; i < persons; i++) {
            send("p" + i, "$pageview", NOW.minusSeconds(i % 3600));
        }
        OverviewSnapshot s = overview.snapshot("shop", 1);
        double rse = s.accuracy().dayRelativeStandardError();
        assertThat(rse).isEqualTo(0.0081);
        assertThat((double) s.today().dau()).isCloseTo(persons, within(3 * rse * persons));
        assertThat(s.today().newUsers()).isEqualTo(persons);   // exact: a set of hashes, not a sketch
        assertThat(s.today().pv()).isEqualTo(persons);
    }

    @Test
    void eventsOlderThanTheWindowAreIgnoredAndVersionsGrow() {
        long before = overview.version("shop");
        send("a", "$pageview", NOW.minusDays(60));
        assertThat(overview.version("shop")).isGreaterThan(before);
        OverviewSnapshot s = overview.snapshot("shop", 1);
        assertThat(s.mau()).isZero();
        assertThat(s.today().pv()).isZero();
        assertThat(overview.windowStart("shop")).isEqualTo(Instant.parse("2026-10-21T16:00:00Z"));
    }
}
