package com.dataeye.analytics.store;

import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.QuarantinedEvent;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends a bulk-import chunk into the store's tables in one transaction ({@link DuckDbEventStore#appendImport}).
 * The appender joins the connection's open transaction (auto-commit is off on import connections), so
 * the chunk is stored whole or not at all. Columns are looked up by name in the table as it is, so a
 * reordered table or a column added with a default does not silently shift values.
 */
final class ImportAppender {

    private ImportAppender() {}


    /**
     * @param numbers         the store's URL and selector numbers; the chunk's new ones are given here
     * @param joinStoredLinks whether each event's person is looked up in the stored links (as a segment
     *                        load does), or the rows carry it already
     */
    static void append(DuckDBConnection c, List<ImportRows> parts, ImportNumbers numbers, boolean joinStoredLinks) {
        List<Runnable> publish = new ArrayList<>();
        try {
            List<IdentityLink> links = new ArrayList<>();
            boolean quarantined = false;
            for (ImportRows p : parts) {
                links.addAll(p.links());
                quarantined |= !p.quarantined().isEmpty();
            }
            if (!links.isEmpty()) {
                appendLinks(c, links);
            }
            if (quarantined) {
                appendQuarantined(c, parts);
            }
            numbers.catchUp(c);
            // parts of one chunk share its provisional numbers and are read by one INSERT (a test's hand-made
            // parts may each be a chunk of their own)
            Map<ImportNumbers.Chunk, List<ImportRows>> byChunk = new LinkedHashMap<>();
            for (ImportRows p : parts) {
                if (p.events() > 0) {
                    byChunk.computeIfAbsent(p.numbers(), k -> new ArrayList<>()).add(p);
                }
            }
            for (Map.Entry<ImportNumbers.Chunk, List<ImportRows>> chunk : byChunk.entrySet()) {
                ImportNumbers.Resolved resolved = numbers.resolve(c, chunk.getKey());
                appendEvents(c, chunk.getValue(), resolved, joinStoredLinks);
                publish.add(resolved.publish());
            }
            c.commit();
            // only now may the preparing threads write these numbers into rows
            publish.forEach(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot store an import chunk: " + e.getMessage(), e);
        } finally {
            parts.forEach(ImportRows::discard);
        }
    }

    /**
     * The chunk's links, each also recorded in {@code pending_links}: the events stored before this
     * chunk whose ids they link are moved to their person later, once for many chunks
     * ({@link DuckDbEventStore#applyPendingLinks}) — that move is a pass over every stored event, and
     * once per chunk it cost 2–3 µs an event over a 10M import. This chunk's own events and every later
     * one are stored already resolved (the join in {@link #appendEvents}).
     */
    private static void appendLinks(DuckDBConnection c, List<IdentityLink> links) throws SQLException {
        List<String> cols = columns(c, "identities");
        try (DuckDBAppender identities = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "identities");
             DuckDBAppender pending = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "pending_links")) {
            for (IdentityLink l : links) {
                identities.beginRow();
                for (String col : cols) {
                    switch (col) {
                        case "project_id" -> str(identities, l.projectId());
                        case "distinct_id" -> str(identities, l.distinctId());
                        case "person_id" -> str(identities, l.personId());
                        case "linked_at" -> identities.appendEpochMicros(SegmentFormat.micros(l.linkedAt()));
                        default -> identities.appendDefault();
                    }
                }
                identities.endRow();
                pending.beginRow().append(l.projectId()).append(l.distinctId()).append(l.personId()).endRow();
            }
        }
    }

    private static void appendQuarantined(DuckDBConnection c, List<ImportRows> parts) throws SQLException {
        List<String> cols = columns(c, "quarantine");
        try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "quarantine")) {
            for (ImportRows p : parts) {
                for (QuarantinedEvent q : p.quarantined()) {
                    app.beginRow();
                    for (String col : cols) {
                        switch (col) {
                            case "project_id" -> str(app, q.projectId());
                            case "received_at" -> app.appendEpochMicros(SegmentFormat.micros(q.receivedAt()));
                            case "event_id" -> str(app, q.eventId());
                            case "code" -> str(app, q.code());
                            case "field" -> str(app, q.field());
                            case "message" -> str(app, q.message());
                            case "raw" -> str(app, q.raw());
                            default -> app.appendDefault();
                        }
                    }
                    app.endRow();
                }
            }
        }
    }

    /** The events table's columns a CSV row fills, in the row's order; a column added later gets its default. */
    private static final String EVENT_COLUMNS = "event_id, project_id, event, type, person_id, distinct_id, anonymous_id, "
            + "login_id, ts, received_at, lib, lib_version, url, path, title, referrer, utm_source, utm_medium, utm_campaign, "
            + "utm_content, utm_term, channel, os, browser, device_type, screen, ip, element_selector, element_path, "
            + "element_text, order_id, product_id, amount, url_id, page_id, selector_id, properties";

    /**
     * The chunk's events, written by the preparing threads as CSV rows into one scratch file a part,
     * read by DuckDB's CSV reader (it parses them natively, a fraction of the CPU per row of appending
     * each value through JNI). With {@code joinStoredLinks} each event is stored with the person its id
     * is linked to through every link stored so far, this chunk's included — the same join as a segment
     * load; without, with the person its row carries (resolved by the importer in Java). A row's URL,
     * page and selector numbers are the committed ones it carries, or a provisional {@code -k} looked up
     * in the chunk's resolved numbers (a constant list: no join).
     */
    private static void appendEvents(DuckDBConnection c, List<ImportRows> parts, ImportNumbers.Resolved numbers,
                                     boolean joinStoredLinks) throws SQLException {
        StringBuilder files = new StringBuilder();
        // parts of one chunk share its file (ImportChunkFile), read once
        for (java.nio.file.Path csv : new java.util.LinkedHashSet<>(parts.stream().map(ImportRows::csv).toList())) {
            // our own scratch paths, quoted as SQL string literals
            files.append(files.isEmpty() ? "" : ", ").append('\'').append(csv.toAbsolutePath().toString().replace("'", "''"))
                    .append('\'');
        }
        String csv = "read_csv([" + files + "], header = false, delim = ',', quote = '\"', escape = '\"', "
                + "nullstr = '', allow_quoted_nulls = false, auto_detect = false, max_line_size = 8388608, "
                + "columns = " + ImportCsv.COLUMNS + ")";
        // the join cost ~1 µs an event (a hash table of every stored link built per chunk, every row probed)
        String links = joinStoredLinks ? "identities" : null;
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO events (" + EVENT_COLUMNS + ") SELECT s.event_id, s.project_id, s.event, s.type, "
                    + (links == null ? "s.person_id" : "coalesce(i.person_id, s.person_id)") + ", s.distinct_id, s.anonymous_id, s.login_id, "
                    + "make_timestamp(s.ts)::TIMESTAMPTZ, make_timestamp(s.received_at)::TIMESTAMPTZ, s.lib, s.lib_version, "
                    + "s.url, s.path, s.title, s.referrer, s.utm_source, s.utm_medium, s.utm_campaign, s.utm_content, "
                    + "s.utm_term, s.channel, s.os, s.browser, s.device_type, s.screen, s.ip, s.element_selector, "
                    + "s.element_path, s.element_text, s.order_id, s.product_id, s.amount, "
                    + numbered("s.url_id", numbers.urlIds()) + ", " + numbered("s.page_id", numbers.pageIds()) + ", "
                    + numbered("s.selector_id", numbers.selectorIds()) + ", s.properties"
                    + " FROM " + csv + " s"
                    + (links == null ? "" : " LEFT JOIN " + links + " i ON i.project_id = s.project_id AND i.distinct_id = s.distinct_id"));
        }
    }

    /**
     * A number column of a row: as written, or for a provisional {@code -k} the k-th of {@code resolved}. The
     * list is a literal of our own integers (no user text), one per new URL or selector of the chunk.
     */
    private static String numbered(String column, int[] resolved) {
        if (resolved.length == 0) {
            return column;
        }
        StringBuilder list = new StringBuilder(resolved.length * 8 + 64).append("CASE WHEN ").append(column)
                .append(" < 0 THEN list_extract([");
        for (int i = 0; i < resolved.length; i++) {
            list.append(i == 0 ? "" : ",").append(resolved[i]);
        }
        return list.append("]::INTEGER[], -").append(column).append(") ELSE ").append(column).append(" END").toString();
    }

    private static void str(DuckDBAppender app, String s) throws SQLException {
        if (s == null) {
            app.appendNull();
        } else {
            app.append(s);
        }
    }

    private static List<String> columns(DuckDBConnection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM duckdb_columns() "
                + "WHERE schema_name = 'main' AND table_name = ? AND database_name = current_database() ORDER BY column_index")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }
}
