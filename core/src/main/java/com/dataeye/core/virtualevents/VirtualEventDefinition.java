package com.dataeye.core.virtualevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An event defined after the fact from what is already stored (issue 8, C3): the rules are OR'ed,
 * each an AND of conditions on one or more real events. Analyses name it like an event; nothing is
 * re-ingested, so a definition applies to all history at once.
 *
 * <p>Names follow the event-name rule of segments and the dashboard, without the leading {@code $}
 * that belongs to the SDKs' preset events, so a virtual event can never be mistaken for an
 * autocaptured one. Rules name real events only: a virtual event made of other virtual events would
 * change silently when one of them changed, and could form cycles.
 */
public record VirtualEventDefinition(String name, String displayZh, String displayEn, String description, List<MatchRule> rules) {

    public static final Pattern NAME = Pattern.compile("[A-Za-z_\\p{IsHan}][A-Za-z0-9_.\\-\\p{IsHan}]{0,99}");
    private static final Pattern EVENT = Pattern.compile("[$A-Za-z_\\p{IsHan}][$A-Za-z0-9_.\\-\\p{IsHan}]{0,99}");
    public static final int MAX_RULES = 20;
    public static final int MAX_CONDITIONS = 10;
    public static final int MAX_EVENTS = 20;
    public static final int MAX_VALUE = 500;

    public VirtualEventDefinition {
        rules = List.copyOf(rules);
    }

    /** Every real event name a rule can match: the store reads only these. */
    public List<String> eventNames() {
        return rules.stream().flatMap(r -> r.events().stream()).distinct().toList();
    }

    /** The reference semantics over one event (see {@link MatchRule#matches}). */
    public boolean matches(String event, Map<MatchField, String> fields) {
        return rules.stream().anyMatch(r -> r.matches(event, fields));
    }

    /**
     * Reads and checks a definition as it comes from JSON:
     * {@code {"name", "display_name": {"zh", "en"}, "description", "rules": [{"events": [...], "conditions": [...]}]}}.
     *
     * @param virtualNames the project's other virtual events, which rules may not name
     */
    public static VirtualEventDefinition parse(Map<?, ?> in, Set<String> virtualNames) {
        strict(in, List.of("name", "display_name", "description", "rules"), "");
        if (!(in.get("name") instanceof String name) || !NAME.matcher(name).matches()) {
            throw new InvalidDefinitionException("name", "name is 1–100 letters, digits, _ . - or Chinese characters, "
                    + "not starting with $ or a digit (names starting with $ are the SDKs' preset events)");
        }
        String zh = null;
        String en = null;
        if (in.get("display_name") instanceof Map<?, ?> d) {
            strict(d, List.of("zh", "en"), "display_name.");
            zh = text(d.get("zh"), "display_name.zh", 200);
            en = text(d.get("en"), "display_name.en", 200);
        } else if (in.get("display_name") != null) {
            throw new InvalidDefinitionException("display_name", "display_name is {\"zh\": …, \"en\": …}");
        }
        String description = text(in.get("description"), "description", 2000);
        if (!(in.get("rules") instanceof List<?> raw) || raw.isEmpty()) {
            throw new InvalidDefinitionException("rules", "rules is a list of 1–" + MAX_RULES + " rules; an event matching any of them counts");
        }
        if (raw.size() > MAX_RULES) {
            throw new InvalidDefinitionException("rules", raw.size() + " rules, at most " + MAX_RULES);
        }
        List<MatchRule> rules = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rules.add(rule(raw.get(i), "rules[" + i + "]", name, virtualNames));
        }
        return new VirtualEventDefinition(name, zh, en, description, rules);
    }

    private static MatchRule rule(Object raw, String path, String self, Set<String> virtualNames) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidDefinitionException(path, "a rule is {\"events\": [...], \"conditions\": [...]}");
        }
        strict(m, List.of("events", "conditions"), path + ".");
        Object ev = m.get("events");
        if (ev instanceof String s) {
            ev = List.of(s);
        }
        if (!(ev instanceof List<?> events) || events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new InvalidDefinitionException(path + ".events", "events names 1–" + MAX_EVENTS
                    + " events the rule applies to, such as [\"$WebClick\"] or [\"$pageview\"]");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String p = path + ".events[" + i + "]";
            if (!(events.get(i) instanceof String e) || !EVENT.matcher(e).matches()) {
                throw new InvalidDefinitionException(p, "an event name");
            }
            if (e.equals(self)) {
                throw new InvalidDefinitionException(p, "a virtual event cannot contain itself");
            }
            if (virtualNames.contains(e)) {
                throw new InvalidDefinitionException(p, "'" + e + "' is a virtual event; rules name real events — copy its rules here instead");
            }
            if (!names.contains(e)) {
                names.add(e);
            }
        }
        List<Condition> conditions = new ArrayList<>();
        Object rc = m.get("conditions");
        if (rc != null && !(rc instanceof List<?>)) {
            throw new InvalidDefinitionException(path + ".conditions", "conditions is a list");
        }
        if (rc instanceof List<?> list) {
            if (list.size() > MAX_CONDITIONS) {
                throw new InvalidDefinitionException(path + ".conditions", list.size() + " conditions, at most " + MAX_CONDITIONS);
            }
            for (int i = 0; i < list.size(); i++) {
                conditions.add(condition(list.get(i), path + ".conditions[" + i + "]"));
            }
        }
        return new MatchRule(names, conditions);
    }

    private static Condition condition(Object raw, String path) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidDefinitionException(path, "a condition is {\"field\", \"op\", \"value\"}");
        }
        strict(m, List.of("field", "op", "value"), path + ".");
        MatchField field = MatchField.fromWire(m.get("field")).orElseThrow(() -> new InvalidDefinitionException(path + ".field",
                "'" + m.get("field") + "' is not a field: url, path, title, element_selector, element_text, element_path"));
        MatchOp op = MatchOp.fromWire(m.get("op") == null ? "equals" : m.get("op")).orElseThrow(() -> new InvalidDefinitionException(
                path + ".op", "'" + m.get("op") + "' is not an operator: equals, not_equals, contains, not_contains, starts_with, "
                        + "ends_with, glob, regex"));
        if (!(m.get("value") instanceof String value) || value.isEmpty() || value.length() > MAX_VALUE) {
            throw new InvalidDefinitionException(path + ".value", "value is text of 1–" + MAX_VALUE + " characters");
        }
        if (op == MatchOp.REGEX) {
            checkRegex(value, path + ".value");
        }
        return new Condition(field, op, value);
    }

    /**
     * The store evaluates patterns with RE2, which has no look-around and no back-references; Java's
     * engine checks the rest of the syntax, so a saved pattern always runs.
     */
    static void checkRegex(String value, String path) {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new InvalidDefinitionException(path, "not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        for (String unsupported : List.of("(?=", "(?!", "(?<=", "(?<!", "(?>")) {
            if (value.contains(unsupported)) {
                throw new InvalidDefinitionException(path, "look-around and atomic groups (" + unsupported + ") are not supported (RE2 syntax)");
            }
        }
        if (Pattern.compile("(?<!\\\\)\\\\[1-9]").matcher(value).find() || value.contains("\\k<")) {
            throw new InvalidDefinitionException(path, "back-references are not supported (RE2 syntax)");
        }
        if (value.contains("*+") || value.contains("++") || value.contains("?+")) {
            throw new InvalidDefinitionException(path, "possessive quantifiers are not supported (RE2 syntax)");
        }
    }

    private static String text(Object v, String path, int max) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.length() > max) {
            throw new InvalidDefinitionException(path, path + " is text of at most " + max + " characters");
        }
        return s.isBlank() ? null : s;
    }

    private static void strict(Map<?, ?> m, List<String> known, String prefix) {
        for (Object k : m.keySet()) {
            if (!known.contains(k)) {
                throw new InvalidDefinitionException(prefix + k, "unknown field '" + k + "'; known: " + String.join(", ", known));
            }
        }
    }

    /** The definition as JSON-ready maps, the shape {@link #parse} reads. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Map<String, Object> display = new LinkedHashMap<>();
        display.put("zh", displayZh);
        display.put("en", displayEn);
        out.put("display_name", display);
        out.put("description", description);
        List<Object> rs = new ArrayList<>();
        for (MatchRule r : rules) {
            List<Object> cs = new ArrayList<>();
            for (Condition c : r.conditions()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("field", c.field().wire());
                cm.put("op", c.op().wire());
                cm.put("value", c.value());
                cs.add(cm);
            }
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("events", r.events());
            rm.put("conditions", cs);
            rs.add(rm);
        }
        out.put("rules", rs);
        return out;
    }
}
