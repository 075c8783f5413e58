package com.dataeye.analytics.query;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.EventUrls;
import com.dataeye.core.virtualevents.Condition;
import com.dataeye.core.virtualevents.MatchField;
import com.dataeye.core.virtualevents.MatchRule;
import com.dataeye.core.virtualevents.VirtualEvent;

import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers which stored URLs a virtual event's URL condition matches, so that an analysis tests
 * only the URLs stored since (issue 8: a virtual event may cost at most 2× the explicit event; a
 * {@code regex} over every distinct URL alone cost more than half the explicit event at 10M events).
 *
 * <p>Safe to be stale or absent: a URL's number never changes and never means another URL
 * ({@link EventUrls}), so the matches among the URLs numbered up to {@code through} stay true for good,
 * and {@link EventRef} reads them together with the test of every URL numbered after {@code through}
 * — the same set as testing all of them. Matches and {@code through} are written in one transaction.
 */
public final class UrlMatches {

    private static final Logger LOG = LoggerFactory.getLogger(UrlMatches.class);

    private final DuckDb db;

    public UrlMatches(DuckDb db) {
        this.db = db;
    }

    /** The key a condition's matches are remembered under: its operator and value (the field is always the URL). */
    static String key(Condition c) {
        return c.op().wire() + " " + c.value();
    }

    /**
     * Brings the remembered matches of each positive URL condition of {@code v} up to the URLs stored
     * now: a check of two numbers when nothing new was stored, else the test of the new URLs only.
     * A failure (say, another session remembering the same condition at the same moment) leaves the
     * analysis to test those URLs itself.
     */
    public void remember(VirtualEvent v) {
        for (MatchRule r : v.definition().rules()) {
            for (Condition c : r.conditions()) {
                if (c.field() == MatchField.URL && !c.op().negative()) {
                    try {
                        remember(c);
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("URL matches of {} not remembered now: {}", v.name(), e.getMessage());
                    }
                }
            }
        }
    }

    private void remember(Condition c) throws SQLException {
        String key = key(c);
        try (DuckDBConnection conn = db.connect()) {
            conn.setAutoCommit(false);
            try {
                int through = 0;
                int last = 0;
                try (PreparedStatement ps = conn.prepareStatement("SELECT (SELECT coalesce(max(through), 0) FROM " + EventUrls.MATCHED_THROUGH
                        + " WHERE match_key = ?), (SELECT coalesce(max(url_id), 0) FROM " + EventUrls.TABLE + ")")) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        through = rs.getInt(1);
                        last = rs.getInt(2);
                    }
                }
                if (last > through) {
                    List<Object> args = new ArrayList<>(List.of(key, through, last));
                    String test = EventRef.urlTest(c, args);
                    update(conn, "INSERT INTO " + EventUrls.MATCHES + " SELECT ?, page_id, url_id FROM " + EventUrls.TABLE
                            + " WHERE url_id > ? AND url_id <= ? AND " + test, args);
                    update(conn, "INSERT OR REPLACE INTO " + EventUrls.MATCHED_THROUGH + " VALUES (?, ?)", List.of(key, last));
                }
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            }
        }
    }

    private static void update(DuckDBConnection conn, String sql, List<Object> args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.executeUpdate();
        }
    }
}
