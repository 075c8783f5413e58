package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import java.util.List;

/**
 * Part of a bulk-import chunk, ready for {@link DuckDbEventStore#appendImport}: the events already
 * written as CSV rows for DuckDB's reader ({@link ImportCsv}, the first {@code csvSize} bytes of
 * {@code csv}), so the costly part runs on the import's preparing threads and the events die young.
 */
public record ImportRows(byte[] csv, int csvSize, int events, List<IdentityLink> links, List<QuarantinedEvent> quarantined) {

    /** A guess of a row's size, so a slice's buffer rarely grows. */
    private static final int ROW_BYTES = 640;

    public static ImportRows of(CommitBatch batch) {
        List<Event> events = batch.events();
        ImportCsv csv = new ImportCsv(Math.max(64, events.size() * ROW_BYTES));
        for (Event e : events) {
            csv.row(e);
        }
        return new ImportRows(csv.buffer(), csv.size(), events.size(), batch.links(), batch.quarantined());
    }

    public boolean isEmpty() {
        return events == 0 && links.isEmpty() && quarantined.isEmpty();
    }
}
