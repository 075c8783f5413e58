package com.dataeye.core.virtualevents;

import java.time.Instant;

/**
 * One saved version of a virtual event. Every save makes a new version; analyses use the newest
 * and say which version they used, so a changed answer can be traced to a changed definition.
 *
 * @param archived true for the version that archived the event: analyses no longer know the name
 */
public record VirtualEvent(VirtualEventDefinition definition, int version, Instant savedAt, String savedBy, boolean archived) {

    public String name() {
        return definition.name();
    }
}
