package com.dataeye.analytics.query;

import java.util.List;

/**
 * A set of persons an analysis can be restricted to, as SQL: a {@code SELECT project_id, person_id …}
 * over the store (person ids after identity merge, as in {@code resolved_events}). A {@link Filter} with
 * a person set keeps the events whose {@code (project_id, person_id)} is (or is not) in it.
 *
 * <p>Extension point: person properties are one implementation ({@link PersonPropertySet}); segment
 * membership ("person is in segment S") is meant to be another, selecting the segment's members — add
 * its {@code "on"} value to {@link Filter#of(java.util.Map, String)} and every analysis takes it.
 */
public interface PersonSet {

    /** The statement selecting {@code project_id, person_id}; its parameters are appended to {@code args} in order. */
    String sql(List<Object> args);
}
