package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.store.CommitBatch;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bulk import numbers URLs, pages and element selectors in Java (ImportNumbers) with the same result as
 * the collector's SQL numbering: every stored event carries the numbers of its own URL, page and selector
 * in the tables, each URL and selector has one number however chunks and collector loads interleave, and
 * numbers grow in commit order.
 */
class ImportNumbersTest {

    private static final Instant T = Instant.parse("2026-11-20T02:00:00Z");

    private static Event view(String id, String url, String selector) {
        return new Event(id, "shop", "$pageview", EventType.TRACK, "p-" + id, "p-" + id, "p-" + id, null, T, T, "js", "1",
                new Event.Page(url, null, null, null), new Event.Acquisition(null, null, null, null, null, "direct"),
                new Event.Device(null, null, null, null, null), new Event.Element(selector, null, null),
                new Event.Commerce(null, null, null), Map.of());
    }

    private static CommitBatch batch(Event... events) {
        return new CommitBatch(List.of(events), List.of(), List.of());
    }

    /** Each stored event's URL and selector next to the ones its numbers name in the tables. */
    private static void assertEveryEventCarriesItsOwnNumbers(DuckDb db) throws SQLException {
        try (var c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE e.url IS DISTINCT FROM u.url), "
                     + "count(*) FILTER (WHERE e.page_id IS DISTINCT FROM u.page_id), "
                     + "count(*) FILTER (WHERE e.element_selector IS DISTINCT FROM s.selector), count(*) "
                     + "FROM events e LEFT JOIN event_urls u ON u.url_id = e.url_id LEFT JOIN event_selectors s ON s.selector_id = e.selector_id")) {
            rs.next();
            assertThat(rs.getLong(1)).as("events whose url_id names another URL").isZero();
            assertThat(rs.getLong(2)).as("events whose page_id is not their URL's").isZero();
            assertThat(rs.getLong(3)).as("events whose selector_id names another selector").isZero();
        }
        try (var c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (SELECT count(*) - count(DISTINCT url) FROM event_urls), "
                     + "(SELECT count(*) - count(DISTINCT selector) FROM event_selectors), "
                     + "(SELECT count(DISTINCT page) - count(DISTINCT page_id) FROM event_urls)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("URLs numbered twice").isZero();
            assertThat(rs.getLong(2)).as("selectors numbered twice").isZero();
            assertThat(rs.getLong(3)).as("pages with more than one number").isZero();
        }
    }

    private static Map<String, Integer> urlIds(DuckDb db) throws SQLException {
        Map<String, Integer> ids = new LinkedHashMap<>();
        try (var c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT url, url_id FROM event_urls ORDER BY url_id")) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getInt(2));
            }
        }
        return ids;
    }

    @Test
    void importedEventsCarryTheNumbersOfTheirUrlsPagesAndSelectors() throws SQLException {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(batch(view("c1", "https://shop.example/p/1", "button.buy")));
            ImportNumbers.Chunk chunk = store.importNumbers().chunk();
            store.appendImport(List.of(
                    ImportRows.of(batch(view("i1", "https://shop.example/p/1", "button.buy"), // both numbered by the collector
                            view("i2", "https://shop.example/p/1?utm_source=x", "a.more"), // a new URL on a known page
                            view("i3", "https://shop.example/pay?order=1#top", null)), null, chunk),
                    ImportRows.of(batch(view("i4", "https://shop.example/pay?order=2", "a.more"), // new page met in the other part
                            view("i5", null, null)), null, chunk)));

            assertEveryEventCarriesItsOwnNumbers(db);
            Map<String, Integer> ids = urlIds(db);
            assertThat(ids).hasSize(4);
            try (var c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT page, count(DISTINCT page_id), min(page_id) = min(url_id) FROM event_urls GROUP BY page ORDER BY page")) {
                List<String> pages = new ArrayList<>();
                while (rs.next()) {
                    pages.add(rs.getString(1));
                    assertThat(rs.getInt(2)).isEqualTo(1);
                    assertThat(rs.getBoolean(3)).as("a page's number is that of its first URL").isTrue();
                }
                assertThat(pages).containsExactly("https://shop.example/p/1", "https://shop.example/pay");
            }
        }
    }

    @Test
    void aUrlNewToTwoChunksPreparedSideBySideIsNumberedOnce() throws SQLException {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            // both chunks' rows are written before either is loaded: both give the URL a provisional number
            ImportRows first = ImportRows.of(batch(view("a1", "https://shop.example/pay?order=7", "button.pay")), null,
                    store.importNumbers().chunk());
            ImportRows second = ImportRows.of(batch(view("b1", "https://shop.example/pay?order=7", "button.pay"),
                    view("b2", "https://shop.example/pay?order=8", "button.pay")), null, store.importNumbers().chunk());
            store.appendImport(List.of(first));
            // and the collector numbers one in between
            store.commit(batch(view("c1", "https://shop.example/pay?order=8", null)));
            store.appendImport(List.of(second));

            assertEveryEventCarriesItsOwnNumbers(db);
            assertThat(urlIds(db)).containsExactly(Map.entry("https://shop.example/pay?order=7", 1),
                    Map.entry("https://shop.example/pay?order=8", 2));
            // later chunks find every number without a provisional one, and the collector continues after them
            store.appendImport(List.of(ImportRows.of(batch(view("d1", "https://shop.example/pay?order=9", null)), store)));
            store.commit(batch(view("c2", "https://shop.example/pay?order=10", null)));
            assertThat(urlIds(db)).containsValues(1, 2, 3, 4).hasSize(4);
            assertEveryEventCarriesItsOwnNumbers(db);
        }
    }

    @Test
    void aChunkThatCannotBeStoredLeavesNoNumbersAndItsRetryIsNumberedAnew() throws SQLException {
        try (DuckDb db = DuckDb.open(null, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            ImportNumbers.Chunk chunk = store.importNumbers().chunk();
            ImportRows good = ImportRows.of(batch(view("a1", "https://shop.example/p/9", "button.x")), null, chunk);
            byte[] broken = "e2,shop,not a row\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThatThrownBy(() -> store.appendImport(List.of(good, new ImportRows(broken, broken.length, 1, List.of(), List.of(), chunk))))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(urlIds(db)).isEmpty();

            // the retry's rows were written when the failed chunk had not published its numbers either
            store.appendImport(List.of(ImportRows.of(batch(view("a1", "https://shop.example/p/9", "button.x")), store)));
            store.commit(batch(view("c1", "https://shop.example/p/10", "button.y")));
            assertThat(urlIds(db)).containsExactly(Map.entry("https://shop.example/p/9", 1), Map.entry("https://shop.example/p/10", 2));
            assertEveryEventCarriesItsOwnNumbers(db);
        }
    }

    @Test
    void numbersStoredBeforeARestartAreKnownToTheNextImport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws SQLException {
        java.nio.file.Path file = dir.resolve("events.duckdb");
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            store.commit(batch(view("c1", "https://shop.example/p/1", "button.buy")));
            store.appendImport(List.of(ImportRows.of(batch(view("i1", "https://shop.example/p/2", "a.more")), store)));
        }
        try (DuckDb db = DuckDb.open(file, null); DuckDbEventStore store = new DuckDbEventStore(db)) {
            ImportNumbers.Chunk chunk = store.importNumbers().chunk();
            assertThat(chunk.url("https://shop.example/p/2")).isEqualTo(ImportNumbers.pack(2, 2));
            assertThat(chunk.selector("button.buy")).isEqualTo(1);
            assertThat(chunk.hasNewUrls()).isFalse();
            store.appendImport(List.of(ImportRows.of(batch(view("i2", "https://shop.example/p/2", "a.more")), null, chunk)));
            assertEveryEventCarriesItsOwnNumbers(db);
            assertThat(urlIds(db)).hasSize(2);
        }
    }

    @Test
    void aPageIsEverythingBeforeTheQueryOrFragment() {
        assertThat(ImportNumbers.pageOf("https://a.example/p/1?x=1#y")).isEqualTo("https://a.example/p/1");
        assertThat(ImportNumbers.pageOf("https://a.example/p/1#y?x")).isEqualTo("https://a.example/p/1");
        assertThat(ImportNumbers.pageOf("https://a.example/")).isEqualTo("https://a.example/");
        assertThat(ImportNumbers.pageOf("?only")).isEmpty();
    }
}
