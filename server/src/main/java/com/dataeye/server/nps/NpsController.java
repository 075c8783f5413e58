package com.dataeye.server.nps;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.nps.NpsQuery;
import com.dataeye.analytics.nps.NpsResult;
import com.dataeye.analytics.nps.NpsRunner;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.server.api.QueryEndpoint;
import com.dataeye.server.api.UnknownProjectException;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;
import com.dataeye.server.segments.SegmentFilters;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/v1/projects/{project}/query/nps} (docs/api/nps.md). Operator login or the project's secret key. */
@RestController
class NpsController implements QueryEndpoint {

    private final ProjectDirectory projects;
    private final NpsRunner nps;
    private final SegmentLoader loader;
    private final SegmentFilters segmentFilters;

    NpsController(ProjectDirectory projects, QueryExecutor executor, SegmentLoader loader, SegmentFilters segmentFilters) {
        this.segmentFilters = segmentFilters;
        this.projects = projects;
        this.nps = new NpsRunner(executor);
        this.loader = loader;
    }

    @PostMapping("/api/v1/projects/{project}/query/nps")
    NpsResult nps(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        ProjectAccess.require(auth, project);
        Project p = projects.find(project).orElseThrow(() -> new UnknownProjectException(project));
        NpsQuery q = NpsQuery.from(segmentFilters.bind(p, body));
        loader.catchUp();
        if (q.by() != NpsQuery.By.SEGMENT) {
            return nps.run(p.id(), p.timeZone(), q);
        }
        List<Filter> members = new ArrayList<>();
        for (int i = 0; i < q.segments().size(); i++) {
            Map<String, Object> f = new HashMap<>(Map.of("on", "segment", "op", "in", "value", q.segments().get(i)));
            members.add(Filter.of(segmentFilters.bind(p, f), "segments[" + i + "]"));
        }
        return nps.runBySegment(p.id(), p.timeZone(), q, members);
    }
}
