package com.dataeye.analytics.store;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store's table of distinct URLs (issue 8: a virtual event on a URL may cost at most 2× the
 * explicit event). Each distinct {@code url} gets a number ({@code url_id}), and each distinct page —
 * the URL up to its first {@code ?} or {@code #} — one too ({@code page_id}: the {@code url_id} of the
 * first URL seen on that page); every stored event carries both numbers (NULL without a URL).
 *
 * <p>Why: a URL condition tested row by row reads and decompresses the URL of every page view (3.1M
 * strings at 10M events, 4–6× the explicit event). Tested once per distinct URL here instead, it
 * becomes a semi-join on two small integers that DuckDB filters in the scan: the matching URLs'
 * {@code page_id} range is pushed into the events scan as a join filter, so page views of other pages
 * are skipped before their time and person are read. The answer is the same, because every stored
 * URL is in this table under exactly one number.
 *
 * <p>Kept exact on every write path: each load adds the batch's new URLs here first and stores its
 * events with their numbers, in the same transaction (loads take turns, so numbers are never given
 * twice — the primary key would refuse it). Numbers are never reused; a URL whose events the
 * autocapture retention deleted stays here, costing only its row.
 */
public final class EventUrls {

    /** The table a URL condition is evaluated on: {@code url_id}, {@code page_id}, {@code page}, {@code url}. */
    public static final String TABLE = "event_urls";

    private EventUrls() {}

    /** URL conditions' remembered matches (analytics {@code UrlMatches}): {@code match_key}, {@code page_id}, {@code url_id}. */
    public static final String MATCHES = "event_url_matches";

    /** Up to which {@code url_id} the matches of a {@code match_key} are remembered: {@code match_key}, {@code through}. */
    public static final String MATCHED_THROUGH = "event_url_match_through";

    static void create(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (url_id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL, page VARCHAR NOT NULL, url VARCHAR NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS " + MATCHES + " (match_key VARCHAR NOT NULL, page_id INTEGER NOT NULL, url_id INTEGER NOT NULL)");
        st.execute("CREATE TABLE IF NOT EXISTS " + MATCHED_THROUGH + " (match_key VARCHAR PRIMARY KEY, through INTEGER NOT NULL)");
    }

    /**
     * Adds the URLs of {@code urls} (a query with a {@code url} column; built from constants and a
     * quoted file name only) that the table does not hold yet. New numbers follow the largest given,
     * in URL order; a new URL on a known page takes that page's number, a new page the number of its
     * first URL.
     */
    static void extend(Statement st, String urls) throws SQLException {
        st.execute("INSERT INTO " + TABLE + " (url_id, page_id, page, url) "
                + "WITH fresh AS MATERIALIZED (SELECT n.url, regexp_extract(n.url, '^[^?#]*') AS page FROM (SELECT DISTINCT url FROM (" + urls
                + ") WHERE url IS NOT NULL) n WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " t WHERE t.url = n.url)), "
                + "numbered AS (SELECT url, page, (SELECT coalesce(max(url_id), 0) FROM " + TABLE + ") "
                + "+ row_number() OVER (ORDER BY url) AS url_id FROM fresh) "
                + "SELECT n.url_id, coalesce(k.page_id, min(n.url_id) OVER (PARTITION BY n.page)), n.page, n.url FROM numbered n "
                + "LEFT JOIN (SELECT page, min(page_id) AS page_id FROM " + TABLE + " WHERE page IN (SELECT page FROM fresh) GROUP BY page) k "
                + "ON k.page = n.page");
    }

    /** Joined to a batch aliased {@code s} (after {@link #extend} with its URLs): its events' numbers are {@link #IDS}. */
    static final String JOIN = " LEFT JOIN " + TABLE + " u ON u.url = s.url";

    /** The numbers of a batch row, in the events table's column order (see {@link #JOIN}). */
    static final String IDS = "u.url_id, u.page_id";

    /**
     * Version 3 of the store: the table, the two columns, and the numbers of every stored event. Run
     * once, in one transaction, by {@link Schema}; about 3–4 s at 10M events (docs/benchmarks.md).
     */
    static void backfill(Statement st) throws SQLException {
        create(st);
        st.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS url_id INTEGER");
        st.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS page_id INTEGER");
        extend(st, "SELECT url FROM events");
        st.execute("UPDATE events SET url_id = u.url_id, page_id = u.page_id FROM " + TABLE + " u WHERE events.url = u.url");
    }
}
