package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.QuarantinedEvent;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends a bulk-import chunk into the store's tables in one transaction ({@link DuckDbEventStore#appendImport}).
 * The appender joins the connection's open transaction (auto-commit is off on import connections), so
 * the chunk is stored whole or not at all. Columns are looked up by name in the table as it is, so a
 * reordered table or a column added with a default does not silently shift values.
 */
final class ImportAppender {

    private ImportAppender() {}

    static void append(DuckDBConnection c, List<ImportRows> parts, DuckDbEventStore.LinkedPersons linked) {
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
            appendEvents(c, parts, linked);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot store an import chunk: " + e.getMessage(), e);
        }
    }

    /**
     * The chunk's links, then the events stored before this chunk whose ids they link moved to their
     * person (this chunk's own events are appended already resolved).
     */
    private static void appendLinks(DuckDBConnection c, List<IdentityLink> links) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS import_links (project_id VARCHAR, distinct_id VARCHAR, person_id VARCHAR)");
            st.execute("DELETE FROM import_links");
        }
        List<String> cols = columns(c, "identities");
        try (DuckDBAppender identities = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "identities");
             DuckDBAppender scratch = c.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "import_links")) {
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
                scratch.beginRow().append(l.projectId()).append(l.distinctId()).append(l.personId()).endRow();
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("UPDATE events SET person_id = l.person_id FROM import_links l WHERE events.project_id = l.project_id "
                    + "AND events.distinct_id = l.distinct_id AND events.person_id <> l.person_id");
            st.execute("DELETE FROM import_links");
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

    /** The events table's columns this class knows, by position; anything else gets its default. */
    private enum Col {
        EVENT_ID, PROJECT_ID, EVENT, TYPE, PERSON_ID, DISTINCT_ID, ANONYMOUS_ID, LOGIN_ID, TS, RECEIVED_AT, LIB, LIB_VERSION,
        URL, PATH, TITLE, REFERRER, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_CONTENT, UTM_TERM, CHANNEL, OS, BROWSER,
        DEVICE_TYPE, SCREEN, IP, ELEMENT_SELECTOR, ELEMENT_PATH, ELEMENT_TEXT, ORDER_ID, PRODUCT_ID, AMOUNT, PROPERTIES, OTHER;

        static Col of(String column) {
            for (Col c : values()) {
                if (c != OTHER && c.name().equalsIgnoreCase(column)) {
                    return c;
                }
            }
            return OTHER;
        }
    }

    private static void appendEvents(DuckDBConnection c, List<ImportRows> parts, DuckDbEventStore.LinkedPersons linked)
            throws SQLException {
        List<String> names = columns(c, "events");
        Col[] cols = new Col[names.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = Col.of(names.get(i));
        }
        try (DuckDBAppender app = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (ImportRows p : parts) {
                List<Event> events = p.events();
                for (int i = 0; i < events.size(); i++) {
                    Event e = events.get(i);
                    String person = linked.of(e.projectId(), e.distinctId());
                    app.beginRow();
                    for (Col col : cols) {
                        switch (col) {
                            case EVENT_ID -> str(app, e.eventId());
                            case PROJECT_ID -> str(app, e.projectId());
                            case EVENT -> str(app, e.event());
                            case TYPE -> str(app, e.type().wireName());
                            case PERSON_ID -> str(app, person != null ? person : e.personId());
                            case DISTINCT_ID -> str(app, e.distinctId());
                            case ANONYMOUS_ID -> str(app, e.anonymousId());
                            case LOGIN_ID -> str(app, e.loginId());
                            case TS -> app.appendEpochMicros(SegmentFormat.micros(e.ts()));
                            case RECEIVED_AT -> app.appendEpochMicros(SegmentFormat.micros(e.receivedAt()));
                            case LIB -> str(app, e.lib());
                            case LIB_VERSION -> str(app, e.libVersion());
                            case URL -> str(app, e.page().url());
                            case PATH -> str(app, e.page().path());
                            case TITLE -> str(app, e.page().title());
                            case REFERRER -> str(app, e.page().referrer());
                            case UTM_SOURCE -> str(app, e.acquisition().utmSource());
                            case UTM_MEDIUM -> str(app, e.acquisition().utmMedium());
                            case UTM_CAMPAIGN -> str(app, e.acquisition().utmCampaign());
                            case UTM_CONTENT -> str(app, e.acquisition().utmContent());
                            case UTM_TERM -> str(app, e.acquisition().utmTerm());
                            case CHANNEL -> str(app, e.acquisition().channel());
                            case OS -> str(app, e.device().os());
                            case BROWSER -> str(app, e.device().browser());
                            case DEVICE_TYPE -> str(app, e.device().deviceType());
                            case SCREEN -> str(app, e.device().screen());
                            case IP -> str(app, e.device().ip());
                            case ELEMENT_SELECTOR -> str(app, e.element().selector());
                            case ELEMENT_PATH -> str(app, e.element().path());
                            case ELEMENT_TEXT -> str(app, e.element().text());
                            case ORDER_ID -> str(app, e.commerce().orderId());
                            case PRODUCT_ID -> str(app, e.commerce().productId());
                            case AMOUNT -> amount(app, e.commerce().amount());
                            case PROPERTIES -> str(app, p.properties()[i]);
                            case OTHER -> app.appendDefault();
                        }
                    }
                    app.endRow();
                }
            }
        }
    }

    private static void str(DuckDBAppender app, String s) throws SQLException {
        if (s == null) {
            app.appendNull();
        } else {
            app.append(s);
        }
    }

    /** DECIMAL(18,2), rounded half away from zero like DuckDB's own cast of a longer number. */
    private static void amount(DuckDBAppender app, BigDecimal amount) throws SQLException {
        if (amount == null) {
            app.appendNull();
        } else {
            app.append(amount.setScale(2, RoundingMode.HALF_UP));
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
