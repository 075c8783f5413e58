package com.dataeye.analytics.store;

import com.dataeye.analytics.browse.DailyCountsQuery;
import com.dataeye.analytics.browse.QuarantineQuery;
import com.dataeye.analytics.browse.RecentEventsQuery;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.dataeye.analytics.store.EventFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class DuckDbEventStoreTest {

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void digestsStoredIdsAsTheDedupWindowDoes() {
        Instant late = Instant.parse("2026-11-20T23:59:59.700Z"); // its day, not the next one, however rounded
        Instant early = Instant.parse("2026-11-21T00:00:01Z");
        List<String> ids = List.of("e1", "事件-一", "o'brien\"x", "x".repeat(300), "0d3f6a0e-7f5c-4c0e-9b1e-2f0c6b8d9a11");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            List<com.dataeye.core.event.Event> events = new ArrayList<>();
            Map<Long, Long> expected = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Instant at = i % 2 == 0 ? late : early;
                events.add(event(ids.get(i), "product_view", "anon-" + i, at));
                expected.put(com.dataeye.core.dedup.DedupWindow.digest("shop", ids.get(i)), at.getEpochSecond() / 86_400);
            }
            store.commit(new CommitBatch(events, List.of(), List.of()));
            Map<Long, Long> restored = new java.util.HashMap<>();
            store.forEachEventDigestSince(late.minusSeconds(60), restored::put);
            assertThat(restored).isEqualTo(expected);
            // a window rebuilt from them takes a retry of a stored id for one, and a new id for new
            com.dataeye.core.dedup.DedupWindow window = new com.dataeye.core.dedup.DedupWindow(java.time.Duration.ofDays(7));
            store.forEachEventDigestSince(late.minusSeconds(60), window::restore);
            assertThat(window.remember("shop", "事件-一", early.plusSeconds(5))).isFalse();
            assertThat(window.remember("shop", "e2", early.plusSeconds(5))).isTrue();
            assertThat(window.remember("other-shop", "e1", early.plusSeconds(5))).isTrue();
        }
    }

    @Test
    void committedEventsSurviveReopeningTheFile() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(event("e1", "order_paid", "anon-1", t)), List.of(), List.of()));
        }
        try (DuckDb db = DuckDb.open(dir.resolve("e.duckdb"), null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            List<String> ids = new ArrayList<>();
            store.forEachEventIdSince(t.minusSeconds(60), (p, id, at) -> ids.add(p + "/" + id));
            assertThat(ids).containsExactly("shop/e1");
            Map<String, Object> row = new RecentEventsQuery("shop", null, null, 10).run(db, json).get(0);
            assertThat(row).containsEntry("event", "order_paid").containsEntry("title", "LUT 预设")
                    .containsEntry("utm_source", "douyin").containsEntry("ts", "2026-11-25T01:00:00Z");
            assertThat(row.get("amount").toString()).isEqualTo("19.90");
            assertThat(row.get("properties")).isEqualTo(Map.of("coupon", "NEW10", "tags", List.of("ps", "lut")));
        }
    }

    @Test
    void recentEventsAreTheNewestArrivalsEvenWhenArrivalsTieAtTheEdge() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            List<com.dataeye.core.event.Event> events = new ArrayList<>();
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < 5; i++) {
                    // five arrivals share each received_at; their event times differ
                    events.add(arrived("b" + batch + "-" + i, t.plusSeconds(60L * batch + i), t.plusSeconds(3600L * batch)));
                }
            }
            store.commit(new CommitBatch(events, List.of(), List.of()));
            assertThat(new RecentEventsQuery("shop", null, null, 7).run(db, json)).extracting(r -> r.get("event_id"))
                    .containsExactly("b2-4", "b2-3", "b2-2", "b2-1", "b2-0", "b1-4", "b1-3");
            assertThat(new RecentEventsQuery("shop", null, null, 100).run(db, json)).hasSize(15);
            assertThat(new RecentEventsQuery("shop", "nothing_like_this", null, 5).run(db, json)).isEmpty();
        }
    }

    private static com.dataeye.core.event.Event arrived(String id, Instant ts, Instant receivedAt) {
        com.dataeye.core.event.Event e = event(id, "product_view", "anon-" + id, ts);
        return new com.dataeye.core.event.Event(e.eventId(), e.projectId(), e.event(), e.type(), e.personId(), e.distinctId(), e.anonymousId(),
                e.loginId(), e.ts(), receivedAt, e.lib(), e.libVersion(), e.page(), e.acquisition(), e.device(),
                e.element(), e.commerce(), e.properties());
    }

    @Test
    void eventsBeforeALoginCountAsThatPersonInQueries() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(event("e1", "product_view", "anon-1", t)), List.of(), List.of()));
            store.commit(new CommitBatch(List.of(event("e2", "product_view", "user-9", t.plusSeconds(60))),
                    List.of(new IdentityLink("shop", "anon-1", "user-9", t.plusSeconds(60))), List.of()));
            assertThat(new RecentEventsQuery("shop", null, "user-9", 10).run(db, json))
                    .extracting(r -> r.get("event_id")).containsExactly("e2", "e1");
            assertThat(new DailyCountsQuery("shop", "product_view", LocalDate.parse("2026-11-25"),
                    LocalDate.parse("2026-11-25"), ZoneId.of("Asia/Shanghai")).run(db))
                    .containsExactly(new DailyCountsQuery.Day(LocalDate.parse("2026-11-25"), 2, 1));
            List<IdentityLink> links = new ArrayList<>();
            store.forEachIdentityLink(links::add);
            assertThat(links).extracting(IdentityLink::distinctId).containsExactly("anon-1");
        }
    }

    @Test
    void anEventSentBeforeItsLinkButLoadedAfterItStillCountsAsThatPerson() {
        // two requests racing: the link's batch reaches the store first, the anonymous event after it
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(), List.of(new IdentityLink("shop", "anon-1", "user-9", t)), List.of()));
            store.commit(new CommitBatch(List.of(event("e1", "product_view", "anon-1", t.minusSeconds(5))), List.of(), List.of()));
            assertThat(new RecentEventsQuery("shop", null, "user-9", 10).run(db, json))
                    .extracting(r -> r.get("event_id")).containsExactly("e1");
        }
    }

    @Test
    void aStoreOfTheFirstVersionGetsItsPersonsResolvedOnOpen() throws Exception {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        Path file = dir.resolve("v1.duckdb");
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(event("e1", "product_view", "anon-1", t)), List.of(), List.of()));
            // as version 1 left it: the link stored, the event still under its anonymous id
            try (var c = db.connect(); var st = c.createStatement()) {
                st.execute("INSERT INTO identities VALUES ('shop', 'anon-1', 'user-9', TIMESTAMPTZ '2026-11-25 01:00:00+00')");
                st.execute("UPDATE schema_version SET version = 1");
            }
        }
        try (DuckDb db = DuckDb.open(file, null)) {
            assertThat(new RecentEventsQuery("shop", null, "user-9", 10).run(db, json))
                    .extracting(r -> r.get("event_id")).containsExactly("e1");
        }
    }

    @Test
    void daysAreCutInTheProjectTimeZone() {
        // 2026-11-24T17:30Z is already 01:30 on the 25th in Shanghai
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(
                    event("a", "login", "u1", Instant.parse("2026-11-24T15:30:00Z")),
                    event("b", "login", "u2", Instant.parse("2026-11-24T17:30:00Z"))), List.of(), List.of()));
            var shanghai = new DailyCountsQuery("shop", "login", LocalDate.parse("2026-11-24"),
                    LocalDate.parse("2026-11-25"), ZoneId.of("Asia/Shanghai")).run(db);
            assertThat(shanghai).extracting(DailyCountsQuery.Day::events).containsExactly(1L, 1L);
            var utc = new DailyCountsQuery("shop", "login", LocalDate.parse("2026-11-24"),
                    LocalDate.parse("2026-11-25"), ZoneId.of("UTC")).run(db);
            assertThat(utc).containsExactly(new DailyCountsQuery.Day(LocalDate.parse("2026-11-24"), 2, 2));
        }
    }

    @Test
    void quarantineKeepsReasonAndRawEvent() {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(), List.of(), List.of(new QuarantinedEvent("shop",
                    Instant.parse("2026-11-25T01:00:00Z"), "e9", "invalid_property_type", "properties.amount",
                    "properties.amount must be a number", "{\"event\":\"order_paid\"}"))));
            assertThat(new QuarantineQuery("shop", "invalid_property_type", 10).run(db, json)).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("field", "properties.amount")
                            .containsEntry("raw", "{\"event\":\"order_paid\"}"));
            assertThat(new QuarantineQuery("other", null, 10).run(db, json)).isEmpty();
        }
    }

    @Test
    void aFailedCommitLeavesNothingBehind() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            var good = event("g", "x", "u", t);
            var broken = new com.dataeye.core.event.Event(null, "shop", "x", good.type(), "u", "u", null, null, t, t,
                    null, null, good.page(), good.acquisition(), good.device(), good.element(), good.commerce(), Map.of());
            try {
                store.commit(new CommitBatch(List.of(good, broken), List.of(), List.of()));
            } catch (IllegalStateException expected) {
                // event_id is NOT NULL: the whole commit must roll back
            }
            assertThat(new RecentEventsQuery("shop", null, null, 10).run(db, json)).isEmpty();
            store.commit(new CommitBatch(List.of(good), List.of(), List.of()));
            assertThat(new RecentEventsQuery("shop", null, null, 10).run(db, json)).hasSize(1);
        }
    }

    // ---- bulk import: appended from Java in one transaction per chunk --------------------------

    @Test
    void anImportedEventIsStoredLikeACommittedOne() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(event("e1", "order_paid", "anon-1", t)), List.of(), List.of()));
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(event("e2", "order_paid", "anon-2", t)), List.of(),
                    List.of(new QuarantinedEvent("shop", t, "e3", "missing_field", "event", "a track event needs an event name", "{}"))), store)));
            Map<String, Object> committed = new RecentEventsQuery("shop", null, "anon-1", 10).run(db, json).get(0);
            Map<String, Object> imported = new RecentEventsQuery("shop", null, "anon-2", 10).run(db, json).get(0);
            assertThat(imported).containsEntry("event_id", "e2");
            for (String column : committed.keySet()) {
                if (!column.equals("event_id") && !column.contains("distinct") && !column.contains("person")
                        && !column.contains("anonymous") && !column.equals("order_id")) {
                    assertThat(String.valueOf(imported.get(column))).as(column).isEqualTo(String.valueOf(committed.get(column)));
                }
            }
            assertThat(new QuarantineQuery("shop", null, 10).run(db, json)).hasSize(1);
        }
    }

    @Test
    void anImportChunkThatCannotBeStoredLeavesNothingBehind() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            var good = event("e1", "product_view", "anon-1", t);
            ImportRows first = ImportRows.of(new CommitBatch(List.of(good), List.of(new IdentityLink("shop", "anon-1", "user-9", t)),
                    List.of()), store);
            // a part DuckDB's reader refuses: the chunk fails after its links were appended
            byte[] broken = "e2,shop,not a row\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ImportRows second = new ImportRows(broken, broken.length, 1, List.of(), List.of(), first.numbers());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendImport(List.of(first, second)))
                    .isInstanceOf(IllegalStateException.class);
            List<String> ids = new ArrayList<>();
            store.forEachEventIdSince(t.minusSeconds(60), (p, id, at) -> ids.add(id));
            List<IdentityLink> links = new ArrayList<>();
            store.forEachIdentityLink(links::add);
            assertThat(ids).isEmpty();
            assertThat(links).isEmpty();
            // the connection is usable again (a part is consumed by its attempt: the chunk is prepared again, as a retry would)
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(good), List.of(new IdentityLink("shop", "anon-1", "user-9", t)),
                    List.of()), store)));
            store.forEachEventIdSince(t.minusSeconds(60), (p, id, at) -> ids.add(id));
            assertThat(ids).containsExactly("e1");
        }
    }

    @Test
    void importRowsCarryThePersonTheirIdIsLinkedToAndJoinStoredLinksOnlyAfterASegmentLoadOfLinks() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            // rows written after the login was linked in memory (later in the same slice) carry its person
            IdentityResolver memory = new IdentityResolver();
            memory.link("shop", "anon-1", "user-1", t);
            long seen = store.linkLoads();
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(event("e1", "product_view", "anon-1", t)),
                    List.of(new IdentityLink("shop", "anon-1", "user-1", t)), List.of()), memory, store.importNumbers().chunk())), seen);
            // no join when no segment load of links came in between: a stored link is not looked up again
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(event("e2", "product_view", "anon-1", t)), List.of(),
                    List.of()), store)), seen);
            // a collector's link loaded after the rows were written, before they are stored: joined
            store.commit(new CommitBatch(List.of(), List.of(new IdentityLink("shop", "anon-2", "user-2", t)), List.of()));
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(event("e3", "product_view", "anon-2", t)), List.of(),
                    List.of()), store)), seen);
            assertThat(new RecentEventsQuery("shop", null, "user-1", 10).run(db, json)).extracting(r -> r.get("event_id"))
                    .containsExactly("e1");
            assertThat(new RecentEventsQuery("shop", null, "anon-1", 10).run(db, json)).extracting(r -> r.get("event_id"))
                    .containsExactly("e2");
            assertThat(new RecentEventsQuery("shop", null, "user-2", 10).run(db, json)).extracting(r -> r.get("event_id"))
                    .containsExactly("e3");
            // the pass that applies an import's links moves what no join did
            store.applyPendingLinks();
            assertThat(new RecentEventsQuery("shop", null, "user-1", 10).run(db, json)).extracting(r -> r.get("event_id"))
                    .containsExactlyInAnyOrder("e1", "e2");
        }
    }

    @Test
    void importedEventsOfALinkedIdBelongToItsPersonAndALinkMovesEarlierEventsOnceItsLinksAreApplied() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(new CommitBatch(List.of(event("e1", "product_view", "anon-1", t)), List.of(), List.of()));
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(event("e2", "product_view", "anon-1", t.plusSeconds(5)),
                    event("e3", "order_paid", "user-9", t.plusSeconds(9))),
                    List.of(new IdentityLink("shop", "anon-1", "user-9", t.plusSeconds(9))), List.of()), store)));
            // the chunk's own events are resolved at once; the one stored before the link waits for the links' pass
            assertThat(new RecentEventsQuery("shop", null, "user-9", 10).run(db, json))
                    .extracting(r -> r.get("event_id")).containsExactlyInAnyOrder("e2", "e3");
            assertThat(store.hasPendingLinks()).isTrue();
            assertThat(store.applyPendingLinks()).isEqualTo(1);
            assertThat(store.hasPendingLinks()).isFalse();
            assertThat(new RecentEventsQuery("shop", null, "user-9", 10).run(db, json))
                    .extracting(r -> r.get("event_id")).containsExactlyInAnyOrder("e1", "e2", "e3");
            assertThat(new DailyCountsQuery("shop", "product_view", LocalDate.parse("2026-11-25"),
                    LocalDate.parse("2026-11-25"), ZoneId.of("Asia/Shanghai")).run(db))
                    .containsExactly(new DailyCountsQuery.Day(LocalDate.parse("2026-11-25"), 2, 1));
        }
    }

    @Test
    void linksLeftPendingByAnImportAreAppliedWhenTheStoreOpensAgainWithTheSamePersonsAsAppliedAtOnce() {
        Instant t = Instant.parse("2026-11-25T01:00:00Z");
        List<CommitBatch> history = List.of(
                new CommitBatch(List.of(event("e1", "product_view", "anon-1", t), event("e2", "product_view", "anon-2", t)),
                        List.of(), List.of()),
                new CommitBatch(List.of(event("e3", "order_paid", "user-9", t.plusSeconds(9))),
                        List.of(new IdentityLink("shop", "anon-1", "user-9", t.plusSeconds(9))), List.of()),
                new CommitBatch(List.of(event("e4", "product_view", "anon-1", t.plusSeconds(20)),
                        event("e5", "product_view", "anon-2", t.plusSeconds(21))),
                        List.of(new IdentityLink("shop", "anon-2", "user-7", t.plusSeconds(22))), List.of()));
        Map<String, String> atOnce = new java.util.TreeMap<>();
        // as each chunk moving the events before its links (what every import did before pending links)
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            for (CommitBatch b : history) {
                store.appendImport(List.of(ImportRows.of(b, store)));
                store.applyPendingLinks();
            }
            atOnce.putAll(personOfEachEvent(db));
        }
        Path file = dir.resolve("pending.duckdb");
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            history.forEach(b -> store.appendImport(List.of(ImportRows.of(b, store))));
            assertThat(personOfEachEvent(db)).isNotEqualTo(atOnce);
        }
        // the server stopped before the import went idle: the next start applies what was left
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            assertThat(personOfEachEvent(db)).isEqualTo(atOnce).containsEntry("e1", "user-9").containsEntry("e2", "user-7");
            assertThat(store.hasPendingLinks()).isFalse();
        }
    }

    private static Map<String, String> personOfEachEvent(DuckDb db) {
        Map<String, String> out = new java.util.TreeMap<>();
        try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery("SELECT event_id, person_id FROM events")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    @Test
    void anImportedEventKeepsAwkwardTextExactlyAndTellsEmptyFromMissing() throws Exception {
        Instant t = Instant.parse("2026-11-25T01:00:00.123456Z");
        String awkward = "say \"hi\", then\nnew line\r\tand 预设 😀 \\ ,,\"";
        var e = new com.dataeye.core.event.Event("e1", "shop", "x,\"y\"", com.dataeye.core.event.EventType.TRACK, "anon-1", "anon-1",
                "anon-1", null, t, t, "", "1.0", new com.dataeye.core.event.Event.Page(awkward, "/p", null, ""),
                new com.dataeye.core.event.Event.Acquisition(null, null, null, null, null, null),
                new com.dataeye.core.event.Event.Device(null, null, null, null, null),
                new com.dataeye.core.event.Event.Element("a\u0000b", null, null),
                new com.dataeye.core.event.Event.Commerce(null, null, new java.math.BigDecimal("19.905")),
                Map.of("note", awkward, "n", 3));
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.appendImport(List.of(ImportRows.of(new CommitBatch(List.of(e, event("e2", "plain", "anon-2", t)), List.of(), List.of()), store)));
            try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT event, url, lib, title, referrer, element_selector, amount, properties, epoch_us(ts), login_id "
                            + "FROM events WHERE event_id = 'e1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("x,\"y\"");
                assertThat(rs.getString(2)).isEqualTo(awkward);
                assertThat(rs.getString(3)).isEmpty();
                assertThat(rs.getString(4)).isNull();
                assertThat(rs.getString(5)).isEmpty();
                assertThat(rs.getString(6)).isEqualTo("a\u0000b");
                assertThat(rs.getBigDecimal(7)).isEqualByComparingTo("19.91");
                assertThat(json.readTree(rs.getString(8)).get("note").asString()).isEqualTo(awkward);
                assertThat(rs.getLong(9)).isEqualTo(SegmentFormat.micros(t));
                assertThat(rs.getString(10)).isNull();
            }
            try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }
}
