package com.dataeye.analytics.segments;

import com.dataeye.analytics.store.DuckDb;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The person ids of static segments (an uploaded list, a funnel's drop-off list). They live beside the
 * events in DuckDB, not in the operational store, so that "person in segment S" is a join inside the
 * analysis' own statement however long the list; the segment's name and kind live in the operational store.
 */
public final class StaticMembers {

    static final String TABLE = "segment_members";
    public static final int MAX_MEMBERS = 5_000_000;

    private final DuckDb db;

    public StaticMembers(DuckDb db) {
        this.db = db;
        try (DuckDBConnection c = db.connect(); Statement st = c.createStatement()) {
            // idempotent like the store's own schema (store/Schema.java), kept here so the feature stays in one place
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (project_id VARCHAR NOT NULL, segment_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the segment's list with {@code persons} (duplicates kept once), in one transaction. */
    public long replace(String projectId, String segmentId, Collection<String> persons) {
        try (DuckDBConnection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                delete(c, projectId, segmentId);
                try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
                    for (String p : new java.util.LinkedHashSet<>(persons)) {
                        app.beginRow();
                        app.append(projectId);
                        app.append(segmentId);
                        app.append(p);
                        app.endRow();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return new java.util.HashSet<>(persons).size();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the segment's persons: " + e.getMessage(), e);
        }
    }

    public void delete(String projectId, String segmentId) {
        try (DuckDBConnection c = db.connect()) {
            delete(c, projectId, segmentId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the segment's persons: " + e.getMessage(), e);
        }
    }

    private static void delete(DuckDBConnection c, String projectId, String segmentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE project_id = ? AND segment_id = ?")) {
            ps.setString(1, projectId);
            ps.setString(2, segmentId);
            ps.executeUpdate();
        }
    }

    /** The members' statement: person ids of the list, as the compiled definitions' {@code SELECT person_id}. */
    static String sql() {
        return "SELECT person_id FROM " + TABLE + " WHERE project_id = ? AND segment_id = ?";
    }
}
