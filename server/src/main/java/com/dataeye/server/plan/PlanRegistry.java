package com.dataeye.server.plan;

import com.dataeye.core.autocapture.AutocaptureRules;
import com.dataeye.core.autocapture.AutocaptureSettings;
import com.dataeye.core.plan.CompiledPlan;
import com.dataeye.core.plan.EventSpec;
import com.dataeye.core.plan.PlanReader;
import com.dataeye.core.plan.PlanSource;
import com.dataeye.core.plan.PlanWriter;
import com.dataeye.core.plan.TrackingPlan;
import com.dataeye.core.plan.UnknownPolicy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each project's tracking plan and governance: changed through here (validated as a whole, so a
 * change cannot leave a property with two types), and served to the collector compiled. The
 * collector's lookup is a cache hit; a change here replaces the entry at once, and every 30 s the
 * entry is reloaded in the background, so other instances sharing the database follow too.
 */
@Service
public class PlanRegistry implements PlanSource {

    private final PlanRepository repository;
    private final PlanReader reader = new PlanReader();
    private final LoadingCache<String, CompiledPlan> compiled;

    public PlanRegistry(PlanRepository repository) {
        this.repository = repository;
        this.compiled = Caffeine.newBuilder().maximumSize(10_000).refreshAfterWrite(Duration.ofSeconds(30))
                .build(this::compile);
    }

    @Override
    public CompiledPlan planOf(String projectId) {
        return compiled.get(projectId);
    }

    private CompiledPlan compile(String projectId) {
        Governance g = repository.governance(projectId);
        List<EventSpec> events = repository.events(projectId);
        if (g.version() == 0 && events.isEmpty()) {
            return CompiledPlan.EMPTY;
        }
        AutocaptureRules rules = g.autocapture().equals(AutocaptureSettings.DEFAULTS)
                ? AutocaptureRules.KEEP_ALL : new AutocaptureRules(g.autocapture());
        return new CompiledPlan(new TrackingPlan(g.unknownEvents(), g.unknownProperties(), events), rules);
    }

    public TrackingPlan plan(String projectId) {
        return repository.plan(projectId);
    }

    public Governance governance(String projectId) {
        return repository.governance(projectId);
    }

    /** Replaces the whole plan (a plan file import), policy included. */
    @Transactional
    public void replace(String projectId, TrackingPlan plan) {
        validate(plan);
        repository.deleteAllEvents(projectId);
        for (EventSpec e : plan.events()) {
            repository.putEvent(projectId, e);
        }
        Governance g = repository.governance(projectId);
        repository.saveGovernance(projectId, new Governance(plan.unknownEvents(), plan.unknownProperties(), g.autocapture(), g.version()));
        changed(projectId);
    }

    /** Adds or replaces one event, checked against the rest of the plan. */
    @Transactional
    public void putEvent(String projectId, EventSpec event) {
        TrackingPlan current = repository.plan(projectId);
        List<EventSpec> events = new ArrayList<>(current.events().stream().filter(e -> !e.name().equals(event.name())).toList());
        events.add(event);
        validate(new TrackingPlan(current.unknownEvents(), current.unknownProperties(), events));
        repository.putEvent(projectId, event);
        bump(projectId);
    }

    @Transactional
    public boolean deleteEvent(String projectId, String name) {
        boolean deleted = repository.deleteEvent(projectId, name);
        if (deleted) {
            bump(projectId);
        }
        return deleted;
    }

    @Transactional
    public void setPolicy(String projectId, UnknownPolicy unknownEvents, UnknownPolicy unknownProperties) {
        Governance g = repository.governance(projectId);
        repository.saveGovernance(projectId, new Governance(unknownEvents, unknownProperties, g.autocapture(), g.version()));
        changed(projectId);
    }

    @Transactional
    public void setAutocapture(String projectId, AutocaptureSettings settings) {
        Governance g = repository.governance(projectId);
        repository.saveGovernance(projectId, new Governance(g.unknownEvents(), g.unknownProperties(), settings, g.version()));
        changed(projectId);
    }

    /** The whole plan must read back as a valid plan file: one type per property name, limits kept. */
    private void validate(TrackingPlan plan) {
        reader.plan(PlanWriter.tree(plan));
    }

    private void bump(String projectId) {
        Governance g = repository.governance(projectId);
        repository.saveGovernance(projectId, g);
        changed(projectId);
    }

    private void changed(String projectId) {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        compiled.invalidate(projectId);
                    }
                });
    }
}
