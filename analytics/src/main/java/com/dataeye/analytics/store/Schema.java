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

    static final int VERSION = 1;

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
            // Analyses read persons through this view: events sent before a login resolve to the
            // person of that login, because the link is applied at query time, not written back.
            st.execute("""
                    CREATE OR REPLACE VIEW resolved_events AS
                    SELECT e.* EXCLUDE (person_id), COALESCE(i.person_id, e.person_id) AS person_id
                    FROM events e LEFT JOIN identities i
                      ON i.project_id = e.project_id AND i.distinct_id = e.distinct_id""");
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            st.execute("INSERT INTO schema_version SELECT " + VERSION
                    + " WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
        }
    }
}
