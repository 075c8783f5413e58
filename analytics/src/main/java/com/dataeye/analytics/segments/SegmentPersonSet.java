package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.PersonSet;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The members of a segment as a {@link PersonSet}, so that any analysis can be restricted to a segment
 * with a filter {@code {"on": "segment", "value": id}}: the segment's own statement becomes a subquery
 * of the analysis' statement.
 */
public record SegmentPersonSet(String projectId, SegmentEvaluator.Members members) implements PersonSet {

    public static SegmentPersonSet of(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver.Target segment, SegmentResolver resolver) {
        return new SegmentPersonSet(projectId, SegmentEvaluator.members(projectId, zone, asOf, segment, resolver));
    }

    @Override
    public String sql(List<Object> args) {
        args.add(projectId);
        args.addAll(members.args());
        return "SELECT CAST(? AS VARCHAR) AS project_id, person_id FROM (" + members.sql() + ")";
    }
}
