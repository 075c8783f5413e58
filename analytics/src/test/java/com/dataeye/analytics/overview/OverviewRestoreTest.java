package com.dataeye.analytics.overview;

import com.dataeye.analytics.channels.Shop;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.realtime.Overview;
import com.dataeye.core.realtime.OverviewSnapshot;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a restart the overview is rebuilt from the store: "now" is 2026-11-25 12:00 Shanghai. O was
 * first seen in September and visits today (active, not new); N is first seen today and pays 39.90;
 * Y visited yesterday morning (yesterday at this time); M visited 20 days ago (monthly only).
 */
class OverviewRestoreTest {

    @Test
    void rebuildsTodayYesterdayAndTheMonthFromStoredEvents() {
        try (DuckDb db = DuckDb.open(null, null)) {
            new DuckDbEventStore(db).commit(new CommitBatch(List.of(
                    Shop.visit("O", "2026-09-01T10:00:00", "direct", null, null, Map.of()),
                    Shop.visit("O", "2026-11-25T09:00:00", "direct", null, null, Map.of()),
                    Shop.visit("N", "2026-11-25T10:00:00", "community", "zsxq", null, Map.of()),
                    Shop.paid("N", "2026-11-25T10:05:00", "n1", 39.90),
                    Shop.visit("Y", "2026-11-24T08:00:00", "direct", null, null, Map.of()),
                    Shop.visit("M", "2026-11-05T08:00:00", "direct", null, null, Map.of())), List.of(), List.of()));
            Clock clock = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
            Overview overview = new Overview(clock, p -> ZoneId.of("Asia/Shanghai"));

            long replayed = OverviewRestore.restore(db, overview, overview.windowStart("shop"));

            assertThat(replayed).isEqualTo(5); // September is outside the 35 days kept
            OverviewSnapshot s = overview.snapshot("shop", 3);
            assertThat(s.today().pv()).isEqualTo(2);
            assertThat(s.today().dau()).isEqualTo(2);
            assertThat(s.today().newUsers()).isEqualTo(1);
            assertThat(s.today().orders()).isEqualTo(1);
            assertThat(s.today().gmv()).isEqualTo(39.90);
            assertThat(s.yesterdaySameTime().uv()).isEqualTo(1);
            assertThat(s.mau()).isEqualTo(4);
            assertThat(s.wau()).isEqualTo(3);
        }
    }
}
