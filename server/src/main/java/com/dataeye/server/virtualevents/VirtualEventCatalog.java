package com.dataeye.server.virtualevents;

import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.UrlMatches;
import com.dataeye.analytics.query.VirtualEventScope;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.core.project.Project;
import com.dataeye.core.virtualevents.InvalidDefinitionException;
import com.dataeye.core.virtualevents.VirtualEvent;
import com.dataeye.core.virtualevents.VirtualEventDefinition;
import com.dataeye.server.plan.PlanRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The project's virtual events for the API and for analyses: saving makes a new version (never an
 * edit in place), archiving is a version too, and {@link #bind} gives an analysis the current
 * definitions so every event reference in it can name one.
 */
@Component
public class VirtualEventCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualEventCatalog.class);

    private final VirtualEventRepository repository;
    private final PlanRegistry plans;
    private final QueryExecutor executor;
    private final UrlMatches urlMatches;

    VirtualEventCatalog(VirtualEventRepository repository, PlanRegistry plans, QueryExecutor executor, DuckDb db) {
        this.repository = repository;
        this.plans = plans;
        this.executor = executor;
        this.urlMatches = new UrlMatches(db);
    }

    /**
     * The current definitions, read once per analysis and only if it names an event at all. A virtual
     * event the analysis names gets its URL conditions' matches brought up to date first (UrlMatches:
     * only the URLs stored since are tested), once per analysis.
     */
    public VirtualEventScope scope(String projectId) {
        Supplier<Map<String, VirtualEvent>> current = memo(() -> repository.current(projectId).stream()
                .filter(v -> !v.archived()).collect(Collectors.toMap(VirtualEvent::name, v -> v, (a, b) -> a, LinkedHashMap::new)));
        Set<String> remembered = new HashSet<>();
        return new VirtualEventScope(name -> {
            Optional<VirtualEvent> v = Optional.ofNullable(current.get().get(name));
            v.filter(e -> remembered.add(e.name())).ifPresent(urlMatches::remember);
            return v;
        });
    }

    /** Puts the project's scope into a query body (replacing anything a client sent under that key). */
    public Map<String, Object> bind(Project project, Map<String, Object> body) {
        body.put(EventRef.VIRTUAL_EVENTS, scope(project.id()));
        return body;
    }

    /** {@code virtual_events} of an analysis' answer: the definitions (name, version, saved_at) it used. */
    public static List<Map<String, Object>> used(Map<String, Object> body) {
        return VirtualEventScope.in(body).used().stream().map(VirtualEventCatalog::reference).toList();
    }

    static Map<String, Object> reference(VirtualEvent v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("version", v.version());
        m.put("saved_at", v.savedAt().toString());
        return m;
    }

    public List<VirtualEvent> list(String projectId, boolean archived) {
        return repository.current(projectId).stream().filter(v -> archived || !v.archived()).toList();
    }

    public Optional<VirtualEvent> find(String projectId, String name) {
        return repository.latest(projectId, name);
    }

    public List<VirtualEvent> versions(String projectId, String name) {
        return repository.versions(projectId, name);
    }

    /** Checks a definition as it would be saved in this project (other virtual events may not be nested). */
    public VirtualEventDefinition parse(Project project, Map<String, Object> body) {
        Set<String> others = list(project.id(), false).stream().map(VirtualEvent::name).collect(Collectors.toSet());
        if (body.get("name") instanceof String n) {
            others.remove(n);
        }
        return VirtualEventDefinition.parse(body, others);
    }

    /** A new name: refused when it is live already or when real events arrive under it (the answers would be ambiguous). */
    public VirtualEvent create(Project project, Map<String, Object> body, String by) {
        VirtualEventDefinition d = parse(project, body);
        Optional<VirtualEvent> before = repository.latest(project.id(), d.name());
        if (before.isPresent() && !before.get().archived()) {
            throw new Conflict("virtual_event_exists", "virtual event '" + d.name() + "' exists; PUT it to save a new version");
        }
        if (plans.plan(project.id()).event(d.name()).isPresent() || stored(project.id(), d.name())) {
            throw new Conflict("name_taken", "'" + d.name() + "' is a real event of this project (in the tracking plan or in the data); "
                    + "choose another name");
        }
        return save(project.id(), d, before.map(VirtualEvent::version).orElse(0) + 1, by, false);
    }

    /** A new version of an existing (not archived) virtual event. */
    public VirtualEvent update(Project project, String name, Map<String, Object> body, String by) {
        VirtualEvent before = live(project.id(), name);
        Map<String, Object> tree = new LinkedHashMap<>(body);
        Object named = tree.putIfAbsent("name", name);
        if (named != null && !named.equals(name)) {
            throw new InvalidDefinitionException("name", "the body names '" + named + "' but the path names '" + name
                    + "'; a virtual event cannot be renamed — create the new name and archive this one");
        }
        return save(project.id(), parse(project, tree), before.version() + 1, by, false);
    }

    /** Archives: a new version marked archived, so history shows who did it; analyses no longer know the name. */
    public VirtualEvent archive(Project project, String name, String by) {
        VirtualEvent before = live(project.id(), name);
        return save(project.id(), before.definition(), before.version() + 1, by, true);
    }

    private VirtualEvent live(String projectId, String name) {
        return repository.latest(projectId, name).filter(v -> !v.archived())
                .orElseThrow(() -> new NotFound("no virtual event '" + name + "'"));
    }

    private VirtualEvent save(String projectId, VirtualEventDefinition d, int version, String by, boolean archived) {
        VirtualEvent v = new VirtualEvent(d, version, Instant.now(), by == null ? "unknown" : by, archived);
        try {
            repository.insert(projectId, v);
        } catch (DuplicateKeyException e) {
            throw new Conflict("concurrent_update", "someone saved '" + d.name() + "' at the same time; reload and save again");
        }
        if (!archived) {
            // its URL conditions' matches are found now, once, so that the first analysis of the new
            // version costs what the later ones do (otherwise it tests every distinct URL itself)
            try {
                urlMatches.remember(v);
            } catch (RuntimeException e) {
                LOG.warn("virtual event {}: URL matches not remembered on save (the first analysis finds them): {}", d.name(), e.getMessage());
            }
        }
        return v;
    }

    private boolean stored(String projectId, String name) {
        boolean[] found = {false};
        executor.query("SELECT 1 FROM events WHERE project_id = ? AND event = ? LIMIT 1", List.of(projectId, name), rs -> found[0] = true);
        return found[0];
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    public static final class Conflict extends RuntimeException {
        final String code;

        Conflict(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
