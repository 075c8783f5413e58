package com.dataeye.analytics.overview;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.event.EventType;
import com.dataeye.core.realtime.CountedEvent;
import com.dataeye.core.realtime.Overview;

import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Rebuilds the real-time {@link Overview} after a restart from the event store, which holds every
 * acknowledged event once the log's leftovers are loaded: first each person's first event (so "new
 * users" stays right across the restart), then the events of the window the overview keeps, folded
 * in exactly as live events are. Persons are read resolved, as the store knows them now.
 */
public final class OverviewRestore {

    private OverviewRestore() {}

    /** Both steps in order; @return the number of events replayed */
    public static long restore(DuckDb db, Overview overview, Instant since) {
        restoreFirstSeen(db, overview);
        return replayWindow(db, overview, since);
    }

    /** Step 1: every person's first event, so a returning person is not taken for a new one. */
    public static void restoreFirstSeen(DuckDb db, Overview overview) {
        try (DuckDBConnection c = db.connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT project_id, person_id, min(ts) FROM resolved_events "
                     + "WHERE type = 'track' GROUP BY project_id, person_id")) {
            while (rs.next()) {
                overview.restoreFirstSeen(rs.getString(1), rs.getString(2), instant(rs, 3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not rebuild the real-time overview from the store: " + e.getMessage(), e);
        }
    }

    /**
     * Step 2: the stored events since {@code since} folded in like live ones. The overview only adds,
     * so live events may be folded in meanwhile; the statement reads the store as it was when it began.
     *
     * @return the number of events replayed
     */
    public static long replayWindow(DuckDb db, Overview overview, Instant since) {
        long replayed = 0;
        try (DuckDBConnection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT project_id, person_id, anonymous_id, login_id, event, type, ts, amount "
                     + "FROM resolved_events WHERE ts >= ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal amount = rs.getBigDecimal(8);
                    EventType type = EventType.fromWire(rs.getString(6)).orElse(EventType.TRACK);
                    overview.accept(rs.getString(1), new CountedEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), type, instant(rs, 7), amount == null ? 0 : amount.movePointRight(2).longValue()));
                    replayed++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not rebuild the real-time overview from the store: " + e.getMessage(), e);
        }
        return replayed;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
