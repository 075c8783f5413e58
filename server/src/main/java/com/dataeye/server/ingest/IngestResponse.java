package com.dataeye.server.ingest;

import com.dataeye.core.ingest.EventOutcome;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a collector request: how many events were stored, how many were retries of events
 * already stored, and one entry per refused event with its index in the batch.
 */
record IngestResponse(long accepted, long duplicates, long rejected, List<EventError> errors) {

    record EventError(int index, String eventId, String code, String field, String message, boolean quarantined) {}

    static IngestResponse of(List<EventOutcome> outcomes) {
        long accepted = 0;
        long duplicates = 0;
        List<EventError> errors = new ArrayList<>(0);
        for (EventOutcome o : outcomes) {
            if (o instanceof EventOutcome.Accepted) {
                accepted++;
            } else if (o instanceof EventOutcome.Duplicate) {
                duplicates++;
            } else if (o instanceof EventOutcome.Rejected r) {
                errors.add(new EventError(r.index(), r.eventId(), r.rejection().code().wire(), r.rejection().field(),
                        r.rejection().message(), r.quarantined()));
            }
        }
        return new IngestResponse(accepted, duplicates, errors.size(), errors);
    }
}
