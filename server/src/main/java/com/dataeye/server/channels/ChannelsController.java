package com.dataeye.server.channels;

import com.dataeye.analytics.channels.AttributionQuery;
import com.dataeye.analytics.channels.AttributionRunner;
import com.dataeye.analytics.channels.LtvQuery;
import com.dataeye.analytics.channels.LtvResult;
import com.dataeye.analytics.channels.LtvRunner;
import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.DateRange;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.server.api.QueryEndpoint;
import com.dataeye.server.api.UnknownProjectException;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;
import com.dataeye.server.segments.SegmentFilters;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Channels, attribution and LTV (docs/api/channels.md): spend entry (JSON or CSV), LTV with CAC/ROI,
 * and attribution. Operator login or the project's secret key.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}")
class ChannelsController implements QueryEndpoint {

    private final ProjectDirectory projects;
    private final SpendRepository spend;
    private final LtvRunner ltv;
    private final AttributionRunner attribution;
    private final SegmentLoader loader;
    private final SegmentFilters segmentFilters;

    ChannelsController(ProjectDirectory projects, SpendRepository spend, QueryExecutor executor, SegmentLoader loader,
                       SegmentFilters segmentFilters) {
        this.segmentFilters = segmentFilters;
        this.projects = projects;
        this.spend = spend;
        this.ltv = new LtvRunner(executor);
        this.attribution = new AttributionRunner(executor);
        this.loader = loader;
    }

    @PostMapping("/query/ltv")
    LtvResult ltv(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        LtvQuery q = LtvQuery.from(segmentFilters.bind(p, body), LocalDate.now(p.timeZone()));
        loader.catchUp();
        return ltv.run(p.id(), p.timeZone(), q, spend.totalByChannel(p.id(), q.range().from(), q.range().to()));
    }

    @PostMapping("/query/attribution")
    Object attribution(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        AttributionQuery q = AttributionQuery.from(body);
        loader.catchUp();
        return attribution.run(p.id(), p.timeZone(), q);
    }

    @PutMapping(path = "/channels/spend", consumes = "application/json")
    Map<String, Object> saveJson(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        List<SpendRepository.Spend> rows = SpendInput.fromJson(body);
        spend.save(p.id(), rows);
        return Map.of("saved", rows.size());
    }

    @PutMapping(path = "/channels/spend", consumes = "text/csv")
    Map<String, Object> saveCsv(@PathVariable String project, @RequestBody String body, Authentication auth) {
        Project p = project(project, auth);
        List<SpendRepository.Spend> rows = SpendInput.fromCsv(body);
        spend.save(p.id(), rows);
        return Map.of("saved", rows.size());
    }

    @GetMapping("/channels/spend")
    Map<String, Object> list(@PathVariable String project, @RequestParam String from, @RequestParam String to, Authentication auth) {
        Project p = project(project, auth);
        DateRange range = DateRange.of(from, to, "");
        return Map.of("spend", spend.list(p.id(), range.from(), range.to()),
                "total_by_channel", spend.totalByChannel(p.id(), range.from(), range.to()));
    }

    private Project project(String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        return projects.find(project).orElseThrow(() -> new UnknownProjectException(project));
    }
}
