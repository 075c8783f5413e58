package com.dataeye.server.segments;

import com.dataeye.analytics.funnel.FunnelQuery;
import com.dataeye.analytics.funnel.FunnelRunner;
import com.dataeye.analytics.query.InvalidQueryException;
import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.segments.BuiltinSegments;
import com.dataeye.analytics.segments.SegmentCompiler;
import com.dataeye.analytics.segments.SegmentNode;
import com.dataeye.analytics.segments.SegmentParser;
import com.dataeye.analytics.segments.SegmentResolver;
import com.dataeye.analytics.segments.StaticMembers;
import com.dataeye.core.project.Project;
import com.dataeye.server.virtualevents.VirtualEventCatalog;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's segments: the built-in lifecycle segments (as tuned by the operator, or by default) and
 * the saved ones, dynamic (a definition) or static (a list of person ids). Every definition is parsed
 * and compiled before it is saved, so a stored segment always evaluates (references included).
 */
@Component
class SegmentCatalog {

    /** kind: builtin, dynamic or static; {@code tuned}: a built-in whose rule the operator changed. */
    record Segment(String id, String name, String description, String kind, boolean tuned, Map<String, Object> definition,
                   Map<String, Object> defaultDefinition, Instant createdAt, Instant updatedAt) {

        boolean kindIsStatic() {
            return kind.equals("static");
        }
    }

    static final class NotFound extends RuntimeException {
        NotFound(String id) {
            super("no segment '" + id + "'", null, false, false);
        }
    }

    private static final Set<String> KEYS = Set.of("id", "name", "description", "kind", "definition", "persons", "from_funnel");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SegmentRepository repository;
    private final VirtualEventCatalog virtualEvents;
    private final StaticMembers members;
    private final FunnelRunner funnels;
    private final JsonMapper json;

    SegmentCatalog(SegmentRepository repository, StaticMembers members, QueryExecutor executor, JsonMapper json,
                   VirtualEventCatalog virtualEvents) {
        this.virtualEvents = virtualEvents;
        this.repository = repository;
        this.members = members;
        this.funnels = new FunnelRunner(executor);
        this.json = json;
    }

    List<Segment> list(String projectId) {
        Map<String, SegmentRepository.Row> rows = new java.util.LinkedHashMap<>();
        repository.list(projectId).forEach(r -> rows.put(r.id(), r));
        List<Segment> out = new ArrayList<>();
        for (BuiltinSegments.Builtin b : BuiltinSegments.all().values()) {
            out.add(builtin(b, rows.remove(b.id())));
        }
        rows.values().forEach(r -> out.add(saved(r)));
        return out;
    }

    Optional<Segment> find(String projectId, String id) {
        Optional<SegmentRepository.Row> row = repository.find(projectId, id);
        Optional<BuiltinSegments.Builtin> builtin = BuiltinSegments.find(id);
        if (builtin.isPresent()) {
            return Optional.of(builtin(builtin.get(), row.orElse(null)));
        }
        return row.map(this::saved);
    }

    Segment require(String projectId, String id) {
        return find(projectId, id).orElseThrow(() -> new NotFound(id));
    }

    SegmentResolver resolver(String projectId) {
        return SegmentResolver.of(id -> find(projectId, id).map(SegmentCatalog::target), virtualEvents.scope(projectId));
    }

    static SegmentResolver.Target target(Segment s) {
        return new SegmentResolver.Target(s.id(), s.kindIsStatic() ? null : SegmentParser.parse(s.definition(), "definition"));
    }

    @SuppressWarnings("unchecked")
    Segment create(Project project, Map<String, Object> body) {
        strict(body);
        String kind = String.valueOf(body.getOrDefault("kind", "dynamic"));
        if (!kind.equals("dynamic") && !kind.equals("static")) {
            throw new InvalidQueryException("kind", "kind is \"dynamic\" (a definition) or \"static\" (a list of person ids)");
        }
        String id = body.get("id") == null ? newId() : id(body.get("id"));
        if (find(project.id(), id).isPresent()) {
            throw new InvalidQueryException("id", "segment '" + id + "' exists already");
        }
        String name = name(body.get("name"));
        String description = description(body.get("description"));
        Instant now = Instant.now();
        String definition = null;
        if (kind.equals("dynamic")) {
            definition = checkedDefinition(project, id, body.get("definition"));
            if (body.get("persons") != null || body.get("from_funnel") != null) {
                throw new InvalidQueryException(body.get("persons") != null ? "persons" : "from_funnel", "a dynamic segment has a definition, no persons");
            }
        } else {
            if (body.get("definition") != null) {
                throw new InvalidQueryException("definition", "a static segment is a list of persons, without definition");
            }
            members.replace(project.id(), id, persons(project, body));
        }
        repository.insert(new SegmentRepository.Row(project.id(), id, name, description, kind, definition, now, now));
        return require(project.id(), id);
    }

    Segment update(Project project, String id, Map<String, Object> body) {
        strict(body);
        Segment current = require(project.id(), id);
        if (body.get("id") != null && !id.equals(body.get("id"))) {
            throw new InvalidQueryException("id", "a segment's id cannot change");
        }
        if (body.get("kind") != null && !current.kind().equals(body.get("kind"))) {
            throw new InvalidQueryException("kind", "a segment's kind cannot change; create a new segment");
        }
        String name = body.get("name") == null ? current.name() : name(body.get("name"));
        String description = body.containsKey("description") ? description(body.get("description")) : current.description();
        Instant now = Instant.now();
        if (current.kindIsStatic()) {
            if (body.get("definition") != null) {
                throw new InvalidQueryException("definition", "a static segment is a list of persons, without definition");
            }
            if (body.get("persons") != null || body.get("from_funnel") != null) {
                members.replace(project.id(), id, persons(project, body));
            }
            repository.update(new SegmentRepository.Row(project.id(), id, name, description, "static", null, current.createdAt(), now));
        } else {
            String definition = body.get("definition") == null ? write(current.definition()) : checkedDefinition(project, id, body.get("definition"));
            SegmentRepository.Row row = new SegmentRepository.Row(project.id(), id, name, description,
                    current.kind().equals("builtin") ? "builtin" : "dynamic", definition,
                    current.createdAt() == null ? now : current.createdAt(), now);
            if (current.kind().equals("builtin") && !current.tuned()) {
                repository.insert(row);
            } else {
                repository.update(row);
            }
        }
        return require(project.id(), id);
    }

    /** Deletes a saved segment; for a built-in, drops the operator's tuning so the default rule applies again. */
    void delete(String projectId, String id) {
        Segment s = require(projectId, id);
        repository.delete(projectId, id);
        if (s.kindIsStatic()) {
            members.delete(projectId, id);
        }
    }

    void replaceMembers(Project project, String id, Collection<String> persons) {
        Segment s = require(project.id(), id);
        if (!s.kindIsStatic()) {
            throw new InvalidQueryException("id", "only a static segment has a list of persons to replace");
        }
        members.replace(project.id(), id, checkedPersons(persons, "persons"));
        repository.update(new SegmentRepository.Row(project.id(), id, s.name(), s.description(), "static", null, s.createdAt(), Instant.now()));
    }

    /** Parses and compiles (references and cycles included) a definition, answering 400 for any mistake. */
    SegmentNode parse(Project project, String selfId, Object definition) {
        SegmentNode node = SegmentParser.parse(definition, "definition");
        SegmentResolver resolver = resolver(project.id());
        SegmentResolver withSelf = selfId == null ? resolver
                : SegmentResolver.of(id -> id.equals(selfId) ? Optional.of(new SegmentResolver.Target(selfId, node)) : resolver.find(id),
                        resolver.virtualEvents());
        SegmentCompiler.compile(project.id(), project.timeZone(), LocalDate.now(project.timeZone()), selfId == null ? node
                : new SegmentNode.InSegment(selfId), withSelf);
        return node;
    }

    private String checkedDefinition(Project project, String id, Object definition) {
        if (definition == null) {
            throw new InvalidQueryException("definition", "definition is required for a dynamic segment");
        }
        parse(project, id, definition);
        return write(definition);
    }

    @SuppressWarnings("unchecked")
    private List<String> persons(Project project, Map<String, Object> body) {
        if (body.get("from_funnel") instanceof Map<?, ?> f) {
            if (body.get("persons") != null) {
                throw new InvalidQueryException("persons", "give persons or from_funnel, not both");
            }
            if (!(f.get("query") instanceof Map<?, ?> q)) {
                throw new InvalidQueryException("from_funnel.query", "from_funnel is {\"query\": a funnel query, \"step\": n}");
            }
            FunnelQuery query;
            SegmentFilters.walk(this, project, q, 0);
            try {
                query = FunnelQuery.from((Map<String, Object>) q);
            } catch (InvalidQueryException e) {
                throw new InvalidQueryException("from_funnel.query." + e.field(), e.getMessage());
            }
            if (!(f.get("step") instanceof Integer step) || step < 2 || step > query.steps().size()) {
                throw new InvalidQueryException("from_funnel.step", "step is 2–" + query.steps().size() + ": the step the persons did not reach");
            }
            return funnels.dropped(project.id(), project.timeZone(), query, step, StaticMembers.MAX_MEMBERS, 0);
        }
        if (body.get("from_funnel") != null) {
            throw new InvalidQueryException("from_funnel", "from_funnel is {\"query\": a funnel query, \"step\": n}");
        }
        if (!(body.get("persons") instanceof List<?> list)) {
            throw new InvalidQueryException("persons", "a static segment needs persons (a list of person ids) or from_funnel");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                throw new InvalidQueryException("persons[" + i + "]", "person ids are strings");
            }
            out.add(s);
        }
        return checkedPersons(out, "persons");
    }

    static List<String> checkedPersons(Collection<String> persons, String field) {
        if (persons.size() > StaticMembers.MAX_MEMBERS) {
            throw new InvalidQueryException(field, "at most " + StaticMembers.MAX_MEMBERS + " persons");
        }
        int i = 0;
        for (String p : persons) {
            if (p == null || p.isEmpty() || p.length() > 255) {
                throw new InvalidQueryException(field + "[" + i + "]", "a person id is 1–255 characters");
            }
            i++;
        }
        return List.copyOf(persons);
    }

    private static void strict(Map<String, Object> body) {
        for (String k : body.keySet()) {
            if (!KEYS.contains(k)) {
                throw new InvalidQueryException(k, "unknown field '" + k + "'; allowed: " + String.join(", ", new java.util.TreeSet<>(KEYS)));
            }
        }
    }

    private static String id(Object value) {
        if (!(value instanceof String s) || !SegmentParser.ID.matcher(s).matches()) {
            throw new InvalidQueryException("id", "id is 1–64 lower-case letters, digits, _ and -, starting with a letter or digit");
        }
        return s;
    }

    private static String name(Object value) {
        if (!(value instanceof String s) || s.isBlank() || s.length() > 200) {
            throw new InvalidQueryException("name", "name is required, at most 200 characters");
        }
        return s;
    }

    private static String description(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.length() > 2000) {
            throw new InvalidQueryException("description", "description is text of at most 2000 characters");
        }
        return s;
    }

    private static String newId() {
        StringBuilder s = new StringBuilder("seg-");
        for (int i = 0; i < 10; i++) {
            s.append("abcdefghijkmnpqrstuvwxyz23456789".charAt(RANDOM.nextInt(32)));
        }
        return s.toString();
    }

    private String write(Object definition) {
        return json.writeValueAsString(definition);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        return text == null ? null : json.readValue(text, Map.class);
    }

    private Segment builtin(BuiltinSegments.Builtin b, SegmentRepository.Row row) {
        if (row == null) {
            return new Segment(b.id(), b.name(), b.description(), "builtin", false, b.definition(), b.definition(), null, null);
        }
        return new Segment(b.id(), row.name(), row.description(), "builtin", true, read(row.definition()), b.definition(),
                row.createdAt(), row.updatedAt());
    }

    private Segment saved(SegmentRepository.Row r) {
        return new Segment(r.id(), r.name(), r.description(), r.kind(), false, read(r.definition()), null, r.createdAt(), r.updatedAt());
    }
}
