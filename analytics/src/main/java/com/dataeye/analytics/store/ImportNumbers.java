package com.dataeye.analytics.store;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's URL, page and element-selector numbers ({@link EventUrls}, {@link EventSelectors}) held in
 * memory, so that a bulk import's preparing threads write each event's numbers into its row themselves.
 *
 * <p>Why: numbered in SQL, every import chunk read its CSV rows twice more (the new URLs, the new
 * selectors) and joined every row with both tables, whose build side grows with the store (every
 * distinct URL, hashed again per chunk) — at 10M events that was a fifth of the loader's CPU. Here a
 * known URL is one hash lookup on a preparing thread; a URL the store does not hold yet gets a
 * provisional number of its chunk ({@code -k}), and the chunk's load turns those into real numbers under
 * the store's lock ({@link #resolve}) with a constant-list lookup in the INSERT, no join.
 *
 * <p>Exact as before: numbers are given only under the store's lock, in commit order (a remembered URL
 * match relies on new URLs having larger numbers than those it tested), each URL and selector once (a
 * provisional URL that another chunk or the collector numbered meanwhile takes that number), and the maps
 * the preparing threads read hold only committed numbers ({@link Resolved#publish} after the commit), so
 * a chunk that rolls back leaves nothing behind. The collector's loads still number in SQL; {@link
 * #catchUp} reads what they added before each import chunk is resolved.
 *
 * <p>Memory: one entry per distinct URL (the order-confirmation pages make most of them: 219,400 at
 * 10M simulated events) and per distinct selector.
 */
public final class ImportNumbers {

    /** Committed numbers, read by the preparing threads: URL → {@code url_id << 32 | page_id}. */
    private final ConcurrentHashMap<String, Long> urls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> selectors = new ConcurrentHashMap<>();
    /** Committed page numbers (a page: the URL up to its first {@code ?} or {@code #}); only under the store's lock. */
    private final Map<String, Integer> pages = new HashMap<>();
    /** The largest committed numbers; only under the store's lock. */
    private int lastUrlId;
    private int lastSelectorId;

    ImportNumbers() {}

    /** The page of a URL, as {@link EventUrls} defines it ({@code regexp_extract(url, '^[^?#]*')}). */
    static String pageOf(String url) {
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch == '?' || ch == '#') {
                return url.substring(0, i);
            }
        }
        return url;
    }

    /**
     * Reads the numbers the tables hold beyond those known here: the collector's loads number their URLs
     * and selectors in SQL. Under the store's lock (numbers are only ever given under it).
     */
    void catchUp(DuckDBConnection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT url_id, page_id, page, url FROM " + EventUrls.TABLE
                + " WHERE url_id > ? ORDER BY url_id")) {
            ps.setInt(1, lastUrlId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int urlId = rs.getInt(1);
                    int pageId = rs.getInt(2);
                    urls.put(rs.getString(4), pack(urlId, pageId));
                    pages.putIfAbsent(rs.getString(3), pageId);
                    lastUrlId = Math.max(lastUrlId, urlId);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT selector_id, selector FROM " + EventSelectors.TABLE
                + " WHERE selector_id > ? ORDER BY selector_id")) {
            ps.setInt(1, lastSelectorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    selectors.put(rs.getString(2), rs.getInt(1));
                    lastSelectorId = Math.max(lastSelectorId, rs.getInt(1));
                }
            }
        }
    }

    /** A new chunk's provisional numbers, shared by the threads that prepare its slices. */
    public Chunk chunk() {
        return new Chunk();
    }

    static long pack(int urlId, int pageId) {
        return ((long) urlId << 32) | (pageId & 0xffffffffL);
    }

    static int urlId(long ids) {
        return (int) (ids >> 32);
    }

    static int pageId(long ids) {
        return (int) ids;
    }

    /**
     * One import chunk's numbers as its rows are written: a committed number where the store has one,
     * otherwise {@code -k}, the URL's (selector's) place among the chunk's new ones, the same in every slice.
     */
    public final class Chunk {
        private final ConcurrentHashMap<String, Integer> newUrls = new ConcurrentHashMap<>();
        private final AtomicInteger urlCount = new AtomicInteger();
        private final ConcurrentHashMap<String, Integer> newSelectors = new ConcurrentHashMap<>();
        private final AtomicInteger selectorCount = new AtomicInteger();

        private Chunk() {}

        /** {@code url_id << 32 | page_id}, both {@code -k} for a URL new to the store. */
        long url(String url) {
            Long known = urls.get(url);
            if (known != null) {
                return known;
            }
            int k = -newUrls.computeIfAbsent(url, u -> urlCount.incrementAndGet());
            return pack(k, k);
        }

        /** The selector's number, {@code -k} for a selector new to the store. */
        int selector(String selector) {
            Integer known = selectors.get(selector);
            return known != null ? known : -newSelectors.computeIfAbsent(selector, s -> selectorCount.incrementAndGet());
        }

        boolean hasNewUrls() {
            return urlCount.get() > 0;
        }

        boolean hasNewSelectors() {
            return selectorCount.get() > 0;
        }
    }

    /**
     * The real numbers of a chunk's provisional ones ({@code urlIds[k - 1]} for {@code -k}), the new rows
     * already appended to the tables in the chunk's transaction; {@link #publish} once it committed.
     */
    record Resolved(int[] urlIds, int[] pageIds, int[] selectorIds, Runnable publish) {}

    /**
     * Numbers the chunk's new URLs and selectors after the largest committed ones, in the order the chunk
     * met them, and appends them to {@link EventUrls#TABLE} and {@link EventSelectors#TABLE} on {@code c}
     * (the chunk's open transaction). Under the store's lock, after {@link #catchUp}.
     */
    Resolved resolve(DuckDBConnection c, Chunk chunk) throws SQLException {
        String[] newUrls = ordered(chunk.newUrls, chunk.urlCount.get());
        int[] urlIds = new int[newUrls.length];
        int[] pageIds = new int[newUrls.length];
        Map<String, Long> addedUrls = new HashMap<>();
        Map<String, Integer> addedPages = new HashMap<>();
        int nextUrl = lastUrlId;
        try (DuckDBAppender app = newUrls.length == 0 ? null : c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, EventUrls.TABLE)) {
            for (int i = 0; i < newUrls.length; i++) {
                String url = newUrls[i];
                Long known = urls.get(url);
                if (known != null) {
                    // numbered since the chunk's rows were written (an earlier chunk, the collector)
                    urlIds[i] = urlId(known);
                    pageIds[i] = pageId(known);
                    continue;
                }
                int urlId = ++nextUrl;
                String page = pageOf(url);
                Integer pageId = pages.get(page);
                if (pageId == null) {
                    pageId = addedPages.computeIfAbsent(page, p -> urlId); // a new page: the number of its first URL
                }
                urlIds[i] = urlId;
                pageIds[i] = pageId;
                addedUrls.put(url, pack(urlId, pageId));
                app.beginRow().append(urlId).append(pageId).append(page).append(url).endRow();
            }
        }
        String[] newSelectors = ordered(chunk.newSelectors, chunk.selectorCount.get());
        int[] selectorIds = new int[newSelectors.length];
        Map<String, Integer> addedSelectors = new HashMap<>();
        int nextSelector = lastSelectorId;
        try (DuckDBAppender app = newSelectors.length == 0 ? null
                : c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, EventSelectors.TABLE)) {
            for (int i = 0; i < newSelectors.length; i++) {
                Integer known = selectors.get(newSelectors[i]);
                if (known != null) {
                    selectorIds[i] = known;
                    continue;
                }
                selectorIds[i] = ++nextSelector;
                addedSelectors.put(newSelectors[i], nextSelector);
                app.beginRow().append(nextSelector).append(newSelectors[i]).endRow();
            }
        }
        int lastUrl = nextUrl;
        int lastSelector = nextSelector;
        return new Resolved(urlIds, pageIds, selectorIds, () -> {
            urls.putAll(addedUrls);
            pages.putAll(addedPages);
            selectors.putAll(addedSelectors);
            lastUrlId = lastUrl;
            lastSelectorId = lastSelector;
        });
    }

    private static String[] ordered(Map<String, Integer> provisional, int count) {
        String[] byK = new String[count];
        provisional.forEach((value, k) -> byK[k - 1] = value);
        return byK;
    }

    /** Distinct URLs known (committed); for tests and the log. */
    int knownUrls() {
        return urls.size();
    }
}
