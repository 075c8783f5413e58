package com.dataeye.server.segments;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.segments.SegmentPersonSet;
import com.dataeye.core.project.Project;

import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Makes "person in segment S" usable in every analysis: before an analysis reads its query, each
 * filter {@code {"on": "segment", "value": id}} anywhere in the body gets the segment's members (as of
 * today in the project's time zone) under {@link Filter#SEGMENT_MEMBERS}; {@code Filter.of} turns it
 * into a person-side condition like a person-property filter. An unknown id is left unresolved and
 * answered 400 by the query's own parsing, naming the field.
 */
@Component
public class SegmentFilters {

    private final SegmentCatalog catalog;

    SegmentFilters(SegmentCatalog catalog) {
        this.catalog = catalog;
    }

    public Map<String, Object> bind(Project project, Map<String, Object> body) {
        walk(catalog, project, body, 0);
        return body;
    }

    @SuppressWarnings("unchecked")
    static void walk(SegmentCatalog catalog, Project project, Object node, int depth) {
        if (depth > 16) {
            return;
        }
        if (node instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).remove(Filter.SEGMENT_MEMBERS); // only the server fills it
            if ("segment".equals(m.get("on")) && m.get("value") instanceof String id) {
                catalog.find(project.id(), id).ifPresent(s -> ((Map<String, Object>) m).put(Filter.SEGMENT_MEMBERS,
                        SegmentPersonSet.of(project.id(), project.timeZone(), LocalDate.now(project.timeZone()),
                                SegmentCatalog.target(s), catalog.resolver(project.id()))));
            }
            for (Object v : m.values()) {
                walk(catalog, project, v, depth + 1);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                walk(catalog, project, v, depth + 1);
            }
        }
    }
}
