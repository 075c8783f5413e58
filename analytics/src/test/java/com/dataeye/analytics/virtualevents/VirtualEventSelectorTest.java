package com.dataeye.analytics.virtualevents;

import com.dataeye.analytics.browse.RecentEventsQuery;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.ImportRows;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.virtualevents.VirtualEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An element-selector condition is tested on the store's table of distinct selectors and reaches the
 * events as their selector numbers (EventSelectors): the counts are the definition's own, whichever
 * way the clicks were stored (collector, bulk import, or numbered afterwards by the version step).
 */
class VirtualEventSelectorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static Event click(String id, String selector) {
        Instant ts = OffsetDateTime.parse("2026-11-01T10:00:00+08:00").toInstant();
        return new Event(id, "shop", "$WebClick", EventType.TRACK, "p" + id, "p" + id, "p" + id, null, ts, ts, "js", "1",
                new Event.Page("https://shop.example/p/1", null, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                new Event.Device(null, null, null, null, null), new Event.Element(selector, null, null),
                new Event.Commerce(null, null, null), Map.of());
    }

    static void load(DuckDbEventStore store) {
        store.commit(new CommitBatch(List.of(click("1", "button.buy"), click("2", "button.cart"), click("3", null)), List.of(), List.of()));
        store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(click("4", "button.buy"), click("5", "a.more"),
                click("6", "BUTTON.BUY")), List.of(), List.of()), store)));
        store.commit(new CommitBatch(List.of(click("7", "button.buy-now"), click("8", "a.more")), List.of(), List.of()));
    }

    static double count(DuckDb db, String op, String value) {
        VirtualEvent v = VirtualEventsTest.virtual("{\"name\": \"v\", \"rules\": [{\"events\": [\"$WebClick\"], \"conditions\": "
                + "[{\"field\": \"element_selector\", \"op\": \"" + op + "\", \"value\": " + JSON.writeValueAsString(value) + "}]}]}");
        Map<String, Object> q = VirtualEventsTest.query("{\"event\": \"v\", \"measure\": {\"type\": \"count\"}, "
                + "\"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}", VirtualEventsTest.scope(v));
        return new TrendRunner(new QueryExecutor(db, Duration.ofSeconds(30))).run("shop", VirtualEventsTest.SHANGHAI, TrendQuery.from(q))
                .series().get(0).total();
    }

    static void assertCountsAsDefined(DuckDb db) {
        assertThat(count(db, "equals", "button.buy")).isEqualTo(2.0); // 1, 4 (not 6: case, not 7: longer)
        assertThat(count(db, "starts_with", "button.buy")).isEqualTo(3.0); // 1, 4, 7
        assertThat(count(db, "contains", "more")).isEqualTo(2.0); // 5, 8
        assertThat(count(db, "regex", "(?i)^button\\.buy$")).isEqualTo(3.0); // 1, 4, 6
        assertThat(count(db, "not_equals", "button.buy")).isEqualTo(6.0); // all 8 but 1 and 4; 3 (no selector) counts
    }

    @Test
    void selectorConditionsCountExactlyAsDefinedWhicheverWayTheClicksWereStored() {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            load(store);
            assertCountsAsDefined(db);
        }
    }

    @Test
    void aStoreOfTheThirdVersionGetsItsSelectorsNumberedOnOpenAndCountsTheSame() throws Exception {
        Path file = dir.resolve("v3.duckdb");
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            load(store);
            try (var c = db.connect(); var st = c.createStatement()) {
                st.execute("DROP TABLE event_selectors");
                st.execute("ALTER TABLE events DROP COLUMN selector_id");
                st.execute("UPDATE schema_version SET version = 3");
            }
        }
        try (DuckDb db = DuckDb.open(file, null)) {
            try (var c = db.connect(); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FILTER (WHERE selector_id IS NOT NULL), count(DISTINCT selector_id) FROM events")) {
                rs.next();
                assertThat(rs.getLong(1)).as("clicks with a selector, numbered").isEqualTo(7);
                assertThat(rs.getLong(2)).as("distinct selectors").isEqualTo(5);
            }
            assertCountsAsDefined(db);
            assertThat(new RecentEventsQuery("shop", null, null, 50).run(db, JSON)).hasSize(8)
                    .allSatisfy(r -> assertThat(r).doesNotContainKeys("selector_id", "url_id").containsKey("event_id"));
        }
    }
}
