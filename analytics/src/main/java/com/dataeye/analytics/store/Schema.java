package com.dataeye.analytics.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The event store's tables. DuckDB is not among the databases the migration library serves, so
 * each statement is idempotent ({@code IF NOT EXISTS}) and a version row records what was applied;
 * a later change adds a step here that checks that version.
 */
final class Schema {

    static final int VERSION = 1; // the first version; later ones are applied by their own steps below

    private Schema() {}

    static void apply(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE TABLE IF NOT EXISTS events (
                      event_id VARCHAR NOT NULL, project_id VARCHAR NOT NULL, event VARCHAR NOT NULL,
                      type VARCHAR NOT NULL, person_id VARCHAR NOT NULL, distinct_id VARCHAR NOT NULL,
                      anonymous_id VARCHAR, login_id VARCHAR,
                      ts TIMESTAMPTZ NOT NULL, received_at TIMESTAMPTZ NOT NULL,
                      lib VARCHAR, lib_version VARCHAR,
                      url VARCHAR, path VARCHAR, title VARCHAR, referrer VARCHAR,
                      utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR, utm_content VARCHAR,
                      utm_term VARCHAR, channel VARCHAR,
                      os VARCHAR, browser VARCHAR, device_type VARCHAR, screen VARCHAR, ip VARCHAR,
                      element_selector VARCHAR, element_path VARCHAR, element_text VARCHAR,
                      order_id VARCHAR, product_id VARCHAR, amount DECIMAL(18,2),
                      properties VARCHAR)""");
            // how far the event log has been loaded, updated in the same transaction as each load
            st.execute("CREATE TABLE IF NOT EXISTS load_state (id INTEGER PRIMARY KEY, loaded_through BIGINT NOT NULL)");
            st.execute("INSERT INTO load_state SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM load_state)");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS identities (
                      project_id VARCHAR NOT NULL, distinct_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL,
                      linked_at TIMESTAMPTZ NOT NULL)""");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS quarantine (
                      project_id VARCHAR NOT NULL, received_at TIMESTAMPTZ NOT NULL, event_id VARCHAR,
                      code VARCHAR NOT NULL, field VARCHAR, message VARCHAR NOT NULL, raw VARCHAR NOT NULL)""");
            // quarantined events replayed after the plan was fixed (docs/api/quality.md): replay skips them
            st.execute("""
                    CREATE TABLE IF NOT EXISTS quarantine_replayed (
                      project_id VARCHAR NOT NULL, received_at TIMESTAMPTZ NOT NULL, raw_hash VARCHAR NOT NULL,
                      replayed_at TIMESTAMPTZ NOT NULL)""");
            // links made by a bulk import whose earlier events are not yet moved to their person
            // (DuckDbEventStore#applyPendingLinks: once when the import goes idle or finishes, and on start)
            st.execute("""
                    CREATE TABLE IF NOT EXISTS pending_links (
                      project_id VARCHAR NOT NULL, distinct_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL)""");
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            st.execute("INSERT INTO schema_version SELECT " + VERSION
                    + " WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
        }
        materialisedPersons(conn);
        urlNumbers(conn);
        versionStep(conn, 4, EventSelectors::backfill); // element selectors numbered (EventSelectors)
        // after the version steps, so that the view lists the columns they added
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE OR REPLACE VIEW resolved_events AS SELECT * EXCLUDE (person_id), person_id FROM events");
        }
        personProperties(conn);
    }

    // ---- version 3 (issue 8, virtual events on URLs): distinct URLs numbered --------------------

    /**
     * From version 3 every event carries the number of its URL and of its page ({@link EventUrls}),
     * so a virtual event's URL condition is tested once per distinct URL instead of once per page
     * view. A version-2 store is numbered once here, in one transaction; a new store runs the same
     * step on its empty tables.
     */
    private static void urlNumbers(Connection conn) throws SQLException {
        versionStep(conn, 3, EventUrls::backfill);
    }

    // ---- version 2 (issue 4, analysis speed): the person mapping is materialised ----------------

    /**
     * Analyses read persons through {@code resolved_events}. Up to version 1 that view joined the
     * identity links on every query; from version 2 the store writes each event's resolved person
     * when it loads the event and when it loads a link ({@link DuckDbEventStore}), so the view is the
     * table itself: no join, and {@code person_id} stays a compressed stored column (grouping and
     * counting distinct persons on it is several times cheaper than on the join's output). Results are
     * the same, because a link never changes once made. A version-1 store is brought forward once here.
     */
    private static void materialisedPersons(Connection conn) throws SQLException {
        versionStep(conn, 2, st -> st.execute("UPDATE events SET person_id = i.person_id FROM identities i "
                + "WHERE events.project_id = i.project_id AND events.distinct_id = i.distinct_id AND events.person_id <> i.person_id"));
    }

    @FunctionalInterface
    private interface Step {
        void run(Statement st) throws SQLException;
    }

    /**
     * Brings a store below {@code version} up to it: the step and the new version number in one
     * transaction, then a checkpoint — the rows a step updated are recompressed by it rather than read
     * through version chains by every query after.
     */
    private static void versionStep(Connection conn, int version, Step step) throws SQLException {
        try (Statement st = conn.createStatement()) {
            try (var rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
                rs.next();
                if (rs.getInt(1) >= version) {
                    return;
                }
            }
            boolean auto = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try {
                step.run(st);
                st.execute("UPDATE schema_version SET version = " + version); // a constant of this class
                conn.commit();
                conn.setAutoCommit(true);
                st.execute("CHECKPOINT");
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(auto);
            }
        }
    }

    // ---- issue 4, person-property filters: the person_properties view --------------------------

    /**
     * Each person's current profile, one row per set property: the profile records already stored as
     * events ({@code profile_set}, {@code profile_set_once}, {@code profile_increment}, {@code profile_unset},
     * {@code profile_delete}), folded per person and property in time order (then event id): set replaces,
     * set-once fills only an unset value, increment adds to the number (unset counts as 0), unset and a
     * profile delete clear it. Persons are after identity merge, so a profile sent for a login id applies to
     * the events its devices sent before logging in. Values are text ({@code json_extract_string}); an
     * increment's result is written without ".0" when whole, so {@code eq 3} finds it.
     */
    private static void personProperties(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("""
                    CREATE OR REPLACE VIEW person_properties AS
                    WITH ops AS (
                      SELECT e.project_id, e.person_id, e.ts, e.event_id, e.type, j.key AS name, json_extract_string(j.value, '$') AS v
                      FROM events e, json_each(e.properties) j
                      WHERE e.type IN ('profile_set', 'profile_set_once', 'profile_increment', 'profile_unset')
                        AND e.properties IS NOT NULL
                    ), deletes AS (
                      SELECT d.project_id, d.person_id, d.ts, d.event_id, d.type, k.name, NULL::VARCHAR AS v
                      FROM events d JOIN (SELECT DISTINCT project_id, person_id, name FROM ops) k
                        ON k.project_id = d.project_id AND k.person_id = d.person_id
                      WHERE d.type = 'profile_delete'
                    ), folded AS (
                      SELECT project_id, person_id, name, list_reduce(list({'op': type, 'v': v} ORDER BY ts, event_id),
                        lambda acc, x: CASE x.op
                          WHEN 'profile_set' THEN x
                          WHEN 'profile_set_once' THEN CASE WHEN acc.v IS NULL THEN x ELSE acc END
                          WHEN 'profile_increment' THEN {'op': 'n', 'v': CASE
                            WHEN (coalesce(TRY_CAST(acc.v AS DOUBLE), 0) + coalesce(TRY_CAST(x.v AS DOUBLE), 0)) % 1 = 0
                            THEN CAST(CAST(coalesce(TRY_CAST(acc.v AS DOUBLE), 0) + coalesce(TRY_CAST(x.v AS DOUBLE), 0) AS BIGINT) AS VARCHAR)
                            ELSE CAST(coalesce(TRY_CAST(acc.v AS DOUBLE), 0) + coalesce(TRY_CAST(x.v AS DOUBLE), 0) AS VARCHAR) END}
                          ELSE {'op': 'x', 'v': NULL::VARCHAR} END,
                        {'op': 'init', 'v': NULL::VARCHAR}).v AS value
                      FROM (SELECT * FROM ops UNION ALL SELECT * FROM deletes)
                      GROUP BY project_id, person_id, name
                    )
                    SELECT project_id, person_id, name, value FROM folded WHERE value IS NOT NULL""");
        }
    }
}
