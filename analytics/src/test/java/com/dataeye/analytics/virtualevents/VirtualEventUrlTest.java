package com.dataeye.analytics.virtualevents;

import com.dataeye.analytics.browse.RecentEventsQuery;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.UrlMatches;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.analytics.store.ImportRows;
import com.dataeye.analytics.trend.TrendQuery;
import com.dataeye.analytics.trend.TrendRunner;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.virtualevents.MatchField;
import com.dataeye.core.virtualevents.VirtualEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A URL condition is tested on the store's table of distinct URLs and reaches the events as their
 * URL numbers (EventUrls): the counts must be exactly those of the definition's own semantics, for
 * URLs with query strings, fragments, other hosts and other letter case, whichever way the events
 * were stored (the collector's segment load, the bulk import's CSV load, or numbered afterwards by
 * the store's version step).
 */
class VirtualEventUrlTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static Event e(String id, String person, String name, String cst, String url) {
        Instant ts = OffsetDateTime.parse("2026-11-01T" + cst + "+08:00").toInstant();
        return new Event(id, "shop", name, EventType.TRACK, person, person, person, null, ts, ts, "js", "1",
                new Event.Page(url, null, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                new Event.Device(null, null, null, null, null), new Event.Element(null, null, null),
                new Event.Commerce(null, null, null), Map.of());
    }

    /** Stored through a segment load (the collector's path). */
    static final List<Event> COLLECTED = List.of(
            e("1", "p1", "$pageview", "10:00:00", "https://shop.example/pay/confirm?order=1"),
            e("2", "p2", "$pageview", "10:01:00", "https://shop.example/pay/confirm?order=2#top"),
            e("3", "p3", "$pageview", "10:02:00", "https://shop.example/pay/confirm"),
            e("4", "p3", "$pageview", "10:03:00", "https://shop.example/pay/confirm#help"),
            e("5", "p4", "$pageview", "10:04:00", "https://other.example/pay/confirm?order=3"),
            e("6", "p4", "$pageview", "10:05:00", "https://shop.example/Pay/Confirm?order=4"),
            e("7", "p5", "$pageview", "10:06:00", "HTTPS://SHOP.EXAMPLE/pay/confirm?order=5"));

    /** Stored through the bulk import's CSV load; some URLs are the collector's again, some new on a known page. */
    static final List<Event> IMPORTED = List.of(
            e("8", "p6", "$pageview", "11:00:00", "https://shop.example/search?q=/pay/confirm"),
            e("9", "p6", "$pageview", "11:01:00", "https://shop.example/p/lut?ref=pay#/pay/confirm"),
            e("10", "p7", "$pageview", "11:02:00", "https://shop.example/pay/confirm?order=1"),
            e("11", "p7", "$pageview", "11:03:00", "https://shop.example/p/100%_off\\"),
            e("12", "p7", "$pageview", "11:04:00", null),
            e("13", "p8", "$WebClick", "11:05:00", "https://shop.example/pay/confirm?order=1"),
            e("14", "p8", "$pageview", "11:06:00", "https://shop.example/pay/confirm?order=6"));

    /** Stored by a second segment load after the import: an imported URL again and a new one. */
    static final List<Event> LATER = List.of(
            e("15", "p9", "$pageview", "12:00:00", "https://shop.example/search?q=/pay/confirm"),
            e("16", "p9", "$pageview", "12:01:00", "https://shop.example/pay/confirm?order=7&x=%25"));

    static List<Event> all() {
        List<Event> all = new ArrayList<>(COLLECTED);
        all.addAll(IMPORTED);
        all.addAll(LATER);
        return all;
    }

    /** Each condition with the count the comment works out by hand; the reference semantics must agree. */
    static final Map<String, Integer> CONDITIONS = new LinkedHashMap<>();

    static {
        CONDITIONS.put("glob|https://shop.example/pay/confirm?*", 5); // 1, 2, 10, 14, 16
        CONDITIONS.put("glob|*/pay/confirm*", 12); // every page view with a URL but 6 and 11
        CONDITIONS.put("glob|*#*", 3); // 2, 4, 9
        CONDITIONS.put("glob|https://shop.example/p/100%_off\\", 1); // 11: % _ \ match only themselves
        CONDITIONS.put("contains|/pay/confirm", 12); // as the second glob: in the path, the query (8, 15) or the fragment (9)
        CONDITIONS.put("contains|?", 11); // all but 3, 4 (no query) and 11
        CONDITIONS.put("regex|^https://[^/]+/pay/confirm\\?order=", 6); // 1, 2, 5, 10, 14, 16
        CONDITIONS.put("regex|(?i)^https://shop\\.example/pay/confirm", 9); // 1, 2, 3, 4, 6, 7, 10, 14, 16
        CONDITIONS.put("equals|https://shop.example/pay/confirm", 1); // 3
        CONDITIONS.put("starts_with|https://shop.example/pay/", 7); // 1, 2, 3, 4, 10, 14, 16
        CONDITIONS.put("ends_with|#top", 1); // 2
        CONDITIONS.put("not_contains|/pay/confirm", 3); // 6, 11, and 12 (no URL counts as "does not contain")
        CONDITIONS.put("not_equals|https://shop.example/pay/confirm?order=1", 13); // all 15 page views but 1 and 10
    }

    static VirtualEvent virtual(String op, String value) {
        return VirtualEventsTest.virtual("{\"name\": \"v\", \"rules\": [{\"events\": [\"$pageview\"], \"conditions\": "
                + "[{\"field\": \"url\", \"op\": \"" + op + "\", \"value\": " + JSON.writeValueAsString(value) + "}]}]}");
    }

    static long reference(VirtualEvent v) {
        return all().stream().filter(ev -> {
            Map<MatchField, String> f = new EnumMap<>(MatchField.class);
            if (ev.page().url() != null) {
                f.put(MatchField.URL, ev.page().url());
            }
            return v.definition().matches(ev.event(), f);
        }).count();
    }

    static double count(QueryExecutor executor, VirtualEvent v) {
        Map<String, Object> q = VirtualEventsTest.query("{\"event\": \"v\", \"measure\": {\"type\": \"count\"}, "
                + "\"from\": \"2026-11-01\", \"to\": \"2026-11-01\"}", VirtualEventsTest.scope(v));
        return new TrendRunner(executor).run("shop", VirtualEventsTest.SHANGHAI, TrendQuery.from(q)).series().get(0).total();
    }

    static void load(DuckDbEventStore store) {
        store.commit(new CommitBatch(COLLECTED, List.of(), List.of()));
        store.appendImport(List.of(ImportRows.of(new CommitBatch(IMPORTED, List.of(), List.of()), store)));
        store.commit(new CommitBatch(LATER, List.of(), List.of()));
    }

    static void assertCountsAsDefined(DuckDb db) {
        QueryExecutor executor = new QueryExecutor(db, Duration.ofSeconds(30));
        for (Map.Entry<String, Integer> c : CONDITIONS.entrySet()) {
            String[] opValue = c.getKey().split("\\|", 2);
            VirtualEvent v = virtual(opValue[0], opValue[1]);
            assertThat(count(executor, v)).as(c.getKey()).isEqualTo((double) reference(v)).isEqualTo(c.getValue().doubleValue());
        }
    }

    /** Every event with a URL carries its URL's number and its page's; one number per URL, one per page. */
    static void assertNumbered(DuckDb db) throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            try (var rs = st.executeQuery("""
                    SELECT count(*) FILTER (WHERE e.url IS NOT NULL AND (u.url IS DISTINCT FROM e.url OR u.page_id IS DISTINCT FROM e.page_id)),
                           count(*) FILTER (WHERE e.url IS NULL AND (e.url_id IS NOT NULL OR e.page_id IS NOT NULL)),
                           count(DISTINCT e.url), count(DISTINCT e.url_id),
                           count(DISTINCT regexp_extract(e.url, '^[^?#]*')), count(DISTINCT e.page_id)
                    FROM events e LEFT JOIN event_urls u ON u.url_id = e.url_id""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("events whose numbers are not their URL's").isZero();
                assertThat(rs.getLong(2)).as("events without a URL but with a number").isZero();
                assertThat(rs.getLong(4)).as("URL numbers").isEqualTo(rs.getLong(3)).isEqualTo(12);
                assertThat(rs.getLong(6)).as("page numbers").isEqualTo(rs.getLong(5)).isEqualTo(7);
            }
        }
    }

    @Test
    void urlConditionsCountExactlyAsDefinedWhicheverWayTheEventsWereStored() throws Exception {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            load(store);
            assertNumbered(db);
            assertCountsAsDefined(db);
        }
    }

    @Test
    void aStoreOfTheSecondVersionGetsItsUrlsNumberedOnOpenAndCountsTheSame() throws Exception {
        Path file = dir.resolve("v2.duckdb");
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            load(store);
            // as version 2 left it: no table of URLs, no numbers on the events
            try (var c = db.connect(); var st = c.createStatement()) {
                st.execute("DROP TABLE event_urls");
                st.execute("DROP TABLE event_selectors");
                st.execute("ALTER TABLE events DROP COLUMN url_id");
                st.execute("ALTER TABLE events DROP COLUMN page_id");
                st.execute("ALTER TABLE events DROP COLUMN selector_id");
                st.execute("UPDATE schema_version SET version = 2");
            }
        }
        try (DuckDb db = DuckDb.open(file, null)) {
            assertNumbered(db);
            assertCountsAsDefined(db);
            // the numbers are the store's own: an event read back does not show them
            assertThat(new RecentEventsQuery("shop", null, null, 50).run(db, JSON)).hasSize(16)
                    .allSatisfy(r -> assertThat(r).doesNotContainKeys("url_id", "page_id").containsKey("event_id"));
        }
    }

    @Test
    void rememberedMatchesCountTheSameAndUrlsStoredAfterThemAreStillTested() throws Exception {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(COLLECTED, List.of(), List.of()));
            UrlMatches matches = new UrlMatches(db);
            for (String c : CONDITIONS.keySet()) {
                String[] opValue = c.split("\\|", 2);
                matches.remember(virtual(opValue[0], opValue[1]));
            }
            // remembered: 1 and 2 for the first glob (3 and 4 have no query string); nothing for the negative operators
            assertThat(rows(db, "SELECT count(*) FROM event_url_matches WHERE match_key = 'glob https://shop.example/pay/confirm?*'")).isEqualTo(2);
            assertThat(rows(db, "SELECT count(*) FROM event_url_match_through WHERE match_key LIKE 'not%'")).isZero();
            // then more events are stored, with new URLs on known and new pages: not remembered yet
            store.appendImport(List.of(ImportRows.of(new CommitBatch(IMPORTED, List.of(), List.of()), store)));
            store.commit(new CommitBatch(LATER, List.of(), List.of()));
            assertCountsAsDefined(db);
            // remembering again tests only the new URLs, and the counts stay
            matches.remember(virtual("glob", "https://shop.example/pay/confirm?*"));
            assertThat(rows(db, "SELECT count(*) FROM event_url_matches WHERE match_key = 'glob https://shop.example/pay/confirm?*'"))
                    .isEqualTo(4); // and 14, 16 (10 is 1's URL again)
            assertThat(rows(db, "SELECT max(through) FROM event_url_match_through")).isEqualTo(12);
            assertCountsAsDefined(db);
        }
    }

    static long rows(DuckDb db, String sql) throws Exception {
        try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aUrlConditionBecomesASemiJoinOnTheUrlNumbersWithItsValueBound() {
        VirtualEvent v = virtual("contains", "x'); DROP TABLE events; --");
        List<Object> args = new ArrayList<>();
        assertThat(new EventRef("v", v).sql(args)).isEqualTo("(event = ? AND (page_id, url_id) IN (SELECT page_id, url_id FROM "
                + "event_url_matches WHERE match_key = ? UNION ALL SELECT u.page_id, u.url_id FROM event_urls u, "
                + "(SELECT coalesce(max(through), 0) AS through FROM event_url_match_through WHERE match_key = ?) r "
                + "WHERE u.url_id > r.through AND CASE WHEN u.url_id > r.through THEN contains(url, ?) ELSE false END))");
        assertThat(args).containsExactly("$pageview", "contains x'); DROP TABLE events; --", "contains x'); DROP TABLE events; --",
                "x'); DROP TABLE events; --");
    }
}
