package com.dataeye.analytics.store;

import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.EventStore;

import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The embedded event store in DuckDB. Events, identity links and quarantined events arrive as
 * segments of the event log ({@link #loadSegment}), each loaded in one transaction by DuckDB's own
 * JSON reader; {@link #commit} does the same for a batch that bypasses the log.
 */
public final class DuckDbEventStore implements EventStore {

    private final DuckDb db;
    private final DuckDBConnection writer;
    private final int queryThreads;

    public DuckDbEventStore(DuckDb db) {
        this.db = db;
        this.writer = db.connect();
        try (Statement st = writer.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            this.queryThreads = rs.getInt(1);
            writer.setAutoCommit(false);
            for (int i = 0; i < IMPORT_CONNECTIONS; i++) {
                DuckDBConnection c = db.connect();
                c.setAutoCommit(false);
                importConnections.add(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // an import stopped (or the server killed) before its links were applied: apply them now
        applyPendingLinks();
        synchronized (this) {
            try {
                importNumbers.catchUp(writer);
                writer.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the store's URL and selector numbers: " + e.getMessage(), e);
            }
        }
    }

    /** The URL and selector numbers an import's preparing threads write into its rows. */
    private final ImportNumbers importNumbers = new ImportNumbers();

    public ImportNumbers importNumbers() {
        return importNumbers;
    }

    /**
     * Commits a batch directly, without the event log: written in the log's format to a scratch file
     * and loaded like a segment, in one transaction, so the columns are mapped in one place.
     */
    @Override
    public synchronized void commit(CommitBatch batch) {
        java.nio.file.Path scratch = null;
        try {
            scratch = java.nio.file.Files.createTempFile("dataeye-commit-", ".jsonl");
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(scratch))) {
                SegmentFormat.write(batch, out);
            }
            load(scratch, null, SegmentFormat.holdsOtherRecords(batch), 1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("event store commit failed: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                try {
                    java.nio.file.Files.deleteIfExists(scratch);
                } catch (java.io.IOException ignored) {
                    // a scratch file in the temp directory
                }
            }
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
        load(segment, seq, holdsOtherRecords, 1);
    }

    /**
     * Stores a bulk-import chunk in one transaction on an import connection: its links and quarantined
     * events appended with DuckDB's appender, its events (written as CSV rows by the preparing threads)
     * loaded by DuckDB's own CSV reader. Each event is stored with the person its distinct id is linked
     * to through every stored link (this chunk's included) — the same join as a segment load. The
     * chunk's links are also recorded as pending: events stored <em>before</em> the chunk of ids it links
     * are moved to their person by {@link #applyPendingLinks}, once for many chunks (until then a query
     * sees them under the id's own anonymous person).
     */
    public void appendImport(java.util.List<ImportRows> parts) {
        appendImport(parts, -1);
    }

    /**
     * As {@link #appendImport(java.util.List)}, for parts whose rows already carry the person of every id
     * linked in memory when they were written (the importer resolves them in Java, the chunk's own links
     * included): no join with the stored links, unless a segment load that may have stored links
     * committed after {@code linkLoadsSeen} was read ({@link #linkLoads}) — its link may have been made
     * after the rows were written, and its UPDATE ran before these events were stored.
     *
     * @param linkLoadsSeen {@link #linkLoads} read before the rows were written; {@code -1}: always join
     */
    public void appendImport(java.util.List<ImportRows> parts, long linkLoadsSeen) {
        if (parts.stream().allMatch(ImportRows::isEmpty)) {
            return;
        }
        DuckDBConnection c;
        try {
            c = importConnections.take();
        } catch (InterruptedException e) {
            parts.forEach(ImportRows::discard);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to load an import", e);
        }
        try {
            // Imports take turns with each other and with the collector's loader: each event is stored
            // with the person its id resolves to through the links committed so far (and this chunk's), and
            // a link's UPDATE moves only events already committed. Two side by side would each miss the
            // other's uncommitted links and events, and leave events on an anonymous person for good.
            synchronized (this) {
                // as for a segment load: one DuckDB thread reads and writes at the least CPU per row
                try (Statement st = c.createStatement()) {
                    st.execute("SET threads = 1");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                try {
                    // read in this turn: a segment load of a collector's link is either before it (counted,
                    // so joined) or after this commit (its UPDATE moves these events)
                    ImportAppender.append(c, parts, importNumbers, linkLoadsSeen < 0 || linkLoads != linkLoadsSeen);
                    if (parts.stream().anyMatch(p -> !p.links().isEmpty())) {
                        pendingLinks = true;
                    }
                } finally {
                    restoreThreads(c);
                }
            }
        } finally {
            importConnections.add(c);
        }
    }

    /** Whether {@code pending_links} may hold links (set by an import chunk, cleared once they are applied). */
    private volatile boolean pendingLinks = true;

    public boolean hasPendingLinks() {
        return pendingLinks;
    }

    /**
     * Moves the events stored before an import's links to the person those links name, and forgets
     * the links, in one transaction: the same result as moving them chunk by chunk, because a link never
     * changes once made and every event stored after a link is stored already resolved. One pass over
     * the stored events for all pending links, instead of one per chunk.
     *
     * @return events moved
     */
    public long applyPendingLinks() {
        if (!pendingLinks) {
            return 0;
        }
        DuckDBConnection c;
        try {
            c = importConnections.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to apply import links", e);
        }
        try {
            // the same turn as an import chunk and a segment load: a chunk committed meanwhile would
            // add links this pass does not see, and they would stay pending (flag set again) — never lost
            synchronized (this) {
                pendingLinks = false;
                try (Statement st = c.createStatement()) {
                    try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pending_links)")) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            // nothing pending (a start after a clean stop): no pass over the events
                            c.commit();
                            return 0;
                        }
                    }
                    long moved = st.executeUpdate("UPDATE events SET person_id = l.person_id FROM pending_links l "
                            + "WHERE events.project_id = l.project_id AND events.distinct_id = l.distinct_id "
                            + "AND events.person_id <> l.person_id");
                    st.execute("DELETE FROM pending_links");
                    c.commit();
                    return moved;
                } catch (SQLException e) {
                    pendingLinks = true;
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw new IllegalStateException("cannot apply an import's identity links: " + e.getMessage(), e);
                }
            }
        } finally {
            importConnections.add(c);
        }
    }

    /** Import connections: a chunk takes one while it waits for its turn to append. */
    public static final int IMPORT_CONNECTIONS = 2;
    private final java.util.concurrent.BlockingQueue<DuckDBConnection> importConnections =
            new java.util.concurrent.ArrayBlockingQueue<>(IMPORT_CONNECTIONS);

    /** Loads a file of segment lines in one transaction; with a {@code seq}, records it as loaded. */
    private void load(java.nio.file.Path segment, Long seq, boolean holdsOtherRecords, int threads) {
        load(writer, segment, seq, holdsOtherRecords, threads);
    }

    /**
     * Segment loads (collector, direct commits) that may have stored identity links; an import chunk whose
     * rows were resolved before one of them joins the stored links ({@link #appendImport(java.util.List, long)}).
     */
    private volatile long linkLoads;

    public long linkLoads() {
        return linkLoads;
    }

    private void load(DuckDBConnection writer, java.nio.file.Path segment, Long seq, boolean holdsOtherRecords, int threads) {
        if (holdsOtherRecords) {
            linkLoads++; // under the store's lock, as every load; counted even if it fails (a join too many is harmless)
        }
        String file = "'" + segment.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Statement st = writer.createStatement()) {
            // One thread parses a segment at about half the CPU per row of two, and the collector needs
            // the other core; queries that run during a load get one thread until it ends.
            st.execute("SET threads = " + threads);
            String source = "read_json(" + file + ", format = 'newline_delimited', columns = " + SEGMENT_COLUMNS + ")";
            // links and quarantined events are rare: the file is read again only when it holds any
            if (holdsOtherRecords) {
                st.execute("INSERT INTO identities SELECT project_id, distinct_id, person_id, "
                        + "make_timestamp(linked_at)::TIMESTAMPTZ FROM " + source + " WHERE k = 'l'");
                st.execute("INSERT INTO quarantine SELECT project_id, make_timestamp(received_at)::TIMESTAMPTZ, event_id, code, "
                        + "field, message, raw FROM " + source + " WHERE k = 'q'");
            }
            // The person mapping is materialised: each event is stored with the person its id resolves
            // to through every link loaded so far (this segment's included), and below, older events
            // of ids linked by this segment are moved to their person. Links never change once made
            // (first login wins), so a stored person is final once its id is linked, and analyses read
            // person_id directly instead of joining the links on every query.
            // the batch's new URLs numbered first, so that each event is stored with its URL's numbers (EventUrls)
            EventUrls.extend(st, "SELECT url FROM " + source + " WHERE k = 'e'");
            EventSelectors.extend(st, "SELECT element_selector FROM " + source + " WHERE k = 'e'");
            st.execute("INSERT INTO events SELECT s.event_id, s.project_id, s.event, s.type, coalesce(i.person_id, s.person_id), "
                    + "s.distinct_id, s.anonymous_id, s.login_id, make_timestamp(s.ts)::TIMESTAMPTZ, "
                    + "make_timestamp(s.received_at)::TIMESTAMPTZ, s.lib, s.lib_version, s.url, s.path, s.title, s.referrer, "
                    + "s.utm_source, s.utm_medium, s.utm_campaign, s.utm_content, s.utm_term, s.channel, s.os, s.browser, "
                    + "s.device_type, s.screen, s.ip, s.element_selector, s.element_path, s.element_text, s.order_id, s.product_id, "
                    + "s.amount, s.properties::VARCHAR, " + EventUrls.IDS + ", " + EventSelectors.ID + " FROM " + source + " s LEFT JOIN identities i "
                    + "ON i.project_id = s.project_id AND i.distinct_id = s.distinct_id" + EventUrls.JOIN + EventSelectors.JOIN + " WHERE s.k = 'e'");
            if (holdsOtherRecords) {
                st.execute("UPDATE events SET person_id = l.person_id FROM (SELECT project_id, distinct_id, person_id FROM " + source
                        + " WHERE k = 'l') l WHERE events.project_id = l.project_id AND events.distinct_id = l.distinct_id "
                        + "AND events.person_id <> l.person_id");
            }
            if (seq != null) {
                st.execute("UPDATE load_state SET loaded_through = " + seq + " WHERE id = 1");
            }
            writer.commit();
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot load event log segment " + segment + ": " + e.getMessage(), e);
        } finally {
            restoreThreads(writer);
        }
    }

    private void restoreThreads(DuckDBConnection writer) {
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

    /**
     * The digests computed by DuckDB, in parallel, from the stored ids ({@code md5_number} is the MD5 read as
     * a little-endian number: its low 64 bits, byte-reversed, are the digest's first 8 bytes big-endian),
     * read as plain numbers: 10M ids restore in a fraction of the time of reading each id and receive time
     * and hashing it in Java. The low 64 bits travel as a BIGINT shifted by 2⁶³ (a cast to BIGINT would
     * overflow for half of them).
     */
    @Override
    public void forEachEventDigestSince(Instant since, EventDigestConsumer consumer) {
        try (DuckDBConnection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT ((md5_number(project_id || chr(0) || event_id) & 18446744073709551615)::HUGEINT"
                     + " - 9223372036854775808)::BIGINT, epoch_us(received_at) // 86400000000 FROM events WHERE received_at >= ?")) {
            ps.setObject(1, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(Long.reverseBytes(rs.getLong(1) ^ Long.MIN_VALUE), rs.getLong(2));
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
            for (DuckDBConnection c : importConnections) {
                c.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
