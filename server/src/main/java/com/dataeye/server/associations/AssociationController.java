package com.dataeye.server.associations;

import com.dataeye.analytics.associations.AssociationQuery;
import com.dataeye.analytics.associations.AssociationResult;
import com.dataeye.analytics.associations.AssociationRunner;
import com.dataeye.analytics.associations.PromotionQuery;
import com.dataeye.analytics.associations.PromotionResult;
import com.dataeye.analytics.associations.PromotionRunner;
import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.project.Project;
import com.dataeye.server.api.QueryEndpoint;
import com.dataeye.server.api.UnknownProjectException;
import com.dataeye.server.project.ProjectDirectory;
import com.dataeye.server.security.ProjectAccess;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code POST /api/v1/projects/{project}/query/associations} and {@code …/associations/promotion}
 * (docs/api/associations.md). Needs an operator login or the project's secret key.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/query/associations")
class AssociationController implements QueryEndpoint {

    private final ProjectDirectory projects;
    private final AssociationRunner associations;
    private final PromotionRunner promotions;
    private final SegmentLoader loader;

    AssociationController(ProjectDirectory projects, QueryExecutor executor, SegmentLoader loader) {
        this.projects = projects;
        this.associations = new AssociationRunner(executor);
        this.promotions = new PromotionRunner(executor);
        this.loader = loader;
    }

    @PostMapping
    AssociationResult associations(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        AssociationQuery q = AssociationQuery.from(body);
        loader.catchUp();
        return associations.run(p.id(), p.timeZone(), q);
    }

    @PostMapping("/promotion")
    PromotionResult promotion(@PathVariable String project, @RequestBody Map<String, Object> body, Authentication auth) {
        Project p = project(project, auth);
        PromotionQuery q = PromotionQuery.from(body);
        loader.catchUp();
        return promotions.run(p.id(), p.timeZone(), q);
    }

    private Project project(String project, Authentication auth) {
        ProjectAccess.require(auth, project);
        return projects.find(project).orElseThrow(() -> new UnknownProjectException(project));
    }
}
