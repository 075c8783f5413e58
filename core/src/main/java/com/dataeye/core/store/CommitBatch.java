package com.dataeye.core.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;

import java.util.ArrayList;
import java.util.List;

/** What one commit makes durable together: accepted events, new identity links, quarantined events. */
public record CommitBatch(List<Event> events, List<IdentityLink> links, List<QuarantinedEvent> quarantined) {

    public static final CommitBatch EMPTY = new CommitBatch(List.of(), List.of(), List.of());

    public int size() {
        return events.size() + links.size() + quarantined.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Several requests' batches as one, for a group commit. */
    public static CommitBatch merge(List<CommitBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        List<Event> events = new ArrayList<>();
        List<IdentityLink> links = new ArrayList<>();
        List<QuarantinedEvent> quarantined = new ArrayList<>();
        for (CommitBatch b : batches) {
            events.addAll(b.events());
            links.addAll(b.links());
            quarantined.addAll(b.quarantined());
        }
        return new CommitBatch(events, links, quarantined);
    }
}
