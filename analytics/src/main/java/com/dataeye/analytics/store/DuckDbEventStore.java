package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.EventStore;
import com.dataeye.core.store.QuarantinedEvent;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import tools.jackson.databind.json.JsonMapper;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The embedded event store: every commit appends events, identity links and quarantined events in
 * one DuckDB transaction. DuckDB writes its WAL on commit, so a commit that returned survives a
 * {@code kill -9}; that is what lets the collector acknowledge after {@link #commit}.
 */
public final class DuckDbEventStore implements EventStore {

    private final DuckDb db;
    private final DuckDBConnection writer;
    private final JsonMapper json;
    private final int queryThreads;

    public DuckDbEventStore(DuckDb db, JsonMapper json) {
        this.db = db;
        this.writer = db.connect();
        this.json = json;
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            this.queryThreads = rs.getInt(1);
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void commit(CommitBatch batch) {
        try {
            if (!batch.events().isEmpty()) {
                try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
                    for (Event e : batch.events()) {
                        appendEvent(a, e);
                    }
                }
            }
            if (!batch.links().isEmpty()) {
                try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "identities")) {
                    for (IdentityLink l : batch.links()) {
                        a.beginRow();
                        a.append(l.projectId()).append(l.distinctId()).append(l.personId()).append(utc(l.linkedAt()));
                        a.endRow();
                    }
                }
            }
            if (!batch.quarantined().isEmpty()) {
                try (DuckDBAppender a = writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "quarantine")) {
                    for (QuarantinedEvent q : batch.quarantined()) {
                        a.beginRow();
                        a.append(q.projectId()).append(utc(q.receivedAt()));
                        str(a, q.eventId()).append(q.code());
                        str(a, q.field()).append(q.message()).append(q.raw());
                        a.endRow();
                    }
                }
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("event store commit failed: " + e.getMessage(), e);
        }
    }

    /** Columns of a log segment line, with the types DuckDB's JSON reader should give them. */
    private static final String SEGMENT_COLUMNS = "{k: 'VARCHAR', event_id: 'VARCHAR', project_id: 'VARCHAR', event: 'VARCHAR', "
            + "type: 'VARCHAR', person_id: 'VARCHAR', distinct_id: 'VARCHAR', anonymous_id: 'VARCHAR', login_id: 'VARCHAR', "
            + "ts: 'BIGINT', received_at: 'BIGINT', lib: 'VARCHAR', lib_version: 'VARCHAR', url: 'VARCHAR', path: 'VARCHAR', "
            + "title: 'VARCHAR', referrer: 'VARCHAR', utm_source: 'VARCHAR', utm_medium: 'VARCHAR', utm_campaign: 'VARCHAR', "
            + "utm_content: 'VARCHAR', utm_term: 'VARCHAR', channel: 'VARCHAR', os: 'VARCHAR', browser: 'VARCHAR', "
            + "device_type: 'VARCHAR', screen: 'VARCHAR', ip: 'VARCHAR', element_selector: 'VARCHAR', element_path: 'VARCHAR', "
            + "element_text: 'VARCHAR', order_id: 'VARCHAR', product_id: 'VARCHAR', amount: 'DECIMAL(18,2)', properties: 'JSON', "
            + "linked_at: 'BIGINT', code: 'VARCHAR', field: 'VARCHAR', message: 'VARCHAR', raw: 'VARCHAR'}";

    /**
     * Loads one sealed event-log segment in a single transaction that also records it as loaded, so
     * a crash between load and the segment's deletion cannot load it twice. DuckDB's own JSON reader
     * does the parsing: far cheaper per row than appending from Java.
     */
    public synchronized void loadSegment(java.nio.file.Path segment, long seq, boolean holdsOtherRecords) {
        String file = "'" + segment.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Statement st = writer.createStatement()) {
            // One thread parses a segment at about half the CPU per row of two, and the collector needs
            // the other core; queries that run during a load get one thread until it ends.
            st.execute("SET threads = 1");
            String source = "read_json(" + file + ", format = 'newline_delimited', columns = " + SEGMENT_COLUMNS + ")";
            st.execute("INSERT INTO events SELECT event_id, project_id, event, type, person_id, distinct_id, anonymous_id, "
                    + "login_id, make_timestamp(ts)::TIMESTAMPTZ, make_timestamp(received_at)::TIMESTAMPTZ, lib, lib_version, "
                    + "url, path, title, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term, channel, "
                    + "os, browser, device_type, screen, ip, element_selector, element_path, element_text, "
                    + "order_id, product_id, amount, properties::VARCHAR FROM " + source + " WHERE k = 'e'");
            // links and quarantined events are rare: the file is read again only when it holds any
            if (holdsOtherRecords) {
                st.execute("INSERT INTO identities SELECT project_id, distinct_id, person_id, "
                        + "make_timestamp(linked_at)::TIMESTAMPTZ FROM " + source + " WHERE k = 'l'");
                st.execute("INSERT INTO quarantine SELECT project_id, make_timestamp(received_at)::TIMESTAMPTZ, event_id, code, "
                        + "field, message, raw FROM " + source + " WHERE k = 'q'");
            }
            st.execute("UPDATE load_state SET loaded_through = " + seq + " WHERE id = 1");
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot load event log segment " + segment + ": " + e.getMessage(), e);
        } finally {
            restoreThreads();
        }
    }

    private void restoreThreads() {
        try (Statement st = writer.createStatement()) {
            st.execute("SET threads = " + queryThreads);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The newest event-log segment whose records are in the store. */
    public synchronized long loadedThrough() {
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT loaded_through FROM load_state WHERE id = 1")) {
            rs.next();
            long v = rs.getLong(1);
            writer.commit();
            return v;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void appendEvent(DuckDBAppender a, Event e) throws SQLException {
        a.beginRow();
        a.append(e.eventId()).append(e.projectId()).append(e.event()).append(e.type().wireName())
                .append(e.personId()).append(e.distinctId());
        str(a, e.anonymousId());
        str(a, e.loginId());
        a.append(utc(e.ts())).append(utc(e.receivedAt()));
        str(a, e.lib());
        str(a, e.libVersion());
        Event.Page p = e.page();
        str(a, p.url());
        str(a, p.path());
        str(a, p.title());
        str(a, p.referrer());
        Event.Acquisition q = e.acquisition();
        str(a, q.utmSource());
        str(a, q.utmMedium());
        str(a, q.utmCampaign());
        str(a, q.utmContent());
        str(a, q.utmTerm());
        str(a, q.channel());
        Event.Device d = e.device();
        str(a, d.os());
        str(a, d.browser());
        str(a, d.deviceType());
        str(a, d.screen());
        str(a, d.ip());
        Event.Element el = e.element();
        str(a, el.selector());
        str(a, el.path());
        str(a, el.text());
        Event.Commerce c = e.commerce();
        str(a, c.orderId());
        str(a, c.productId());
        if (c.amount() == null) {
            a.appendNull();
        } else {
            a.append(c.amount().setScale(2, java.math.RoundingMode.HALF_UP));
        }
        if (e.properties() == null || e.properties().isEmpty()) {
            a.appendNull();
        } else {
            a.append(json.writeValueAsString(e.properties()));
        }
        a.endRow();
    }

    private static DuckDBAppender str(DuckDBAppender a, String s) throws SQLException {
        return s == null ? a.appendNull() : a.append(s);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void forEachEventIdSince(Instant since, EventIdConsumer consumer) {
        try (DuckDBConnection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT project_id, event_id, received_at FROM events WHERE received_at >= ?")) {
            ps.setObject(1, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read recent event ids: " + e.getMessage(), e);
        }
    }

    @Override
    public void forEachIdentityLink(Consumer<IdentityLink> consumer) {
        try (DuckDBConnection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT project_id, distinct_id, person_id, linked_at FROM identities")) {
            while (rs.next()) {
                consumer.accept(new IdentityLink(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read identity links: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
