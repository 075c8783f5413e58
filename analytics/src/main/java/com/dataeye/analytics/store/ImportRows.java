package com.dataeye.analytics.store;

import com.dataeye.core.event.Event;
import com.dataeye.core.identity.IdentityLink;
import com.dataeye.core.store.CommitBatch;
import com.dataeye.core.store.QuarantinedEvent;

import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Part of a bulk-import chunk, ready for {@link DuckDbEventStore#appendImport}: the events with their
 * properties already written as the JSON text the store keeps, so the costly part runs on the
 * import's preparing threads and the property maps can die before the chunk is loaded.
 */
public record ImportRows(List<Event> events, String[] properties, List<IdentityLink> links, List<QuarantinedEvent> quarantined) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The batch's events without their property maps, and those maps as JSON text (null when empty, as a segment leaves them). */
    public static ImportRows of(CommitBatch batch) {
        List<Event> events = new ArrayList<>(batch.events().size());
        String[] properties = new String[batch.events().size()];
        for (int i = 0; i < properties.length; i++) {
            Event e = batch.events().get(i);
            if (e.properties() != null && !e.properties().isEmpty()) {
                properties[i] = JSON.writeValueAsString(e.properties());
            }
            events.add(new Event(e.eventId(), e.projectId(), e.event(), e.type(), e.personId(), e.distinctId(), e.anonymousId(),
                    e.loginId(), e.ts(), e.receivedAt(), e.lib(), e.libVersion(), e.page(), e.acquisition(), e.device(), e.element(),
                    e.commerce(), null));
        }
        return new ImportRows(events, properties, batch.links(), batch.quarantined());
    }

    public boolean isEmpty() {
        return events.isEmpty() && links.isEmpty() && quarantined.isEmpty();
    }
}
