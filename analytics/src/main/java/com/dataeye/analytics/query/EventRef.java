package com.dataeye.analytics.query;

import com.dataeye.analytics.store.EventSelectors;
import com.dataeye.analytics.store.EventUrls;
import com.dataeye.core.virtualevents.Condition;
import com.dataeye.core.virtualevents.MatchField;
import com.dataeye.core.virtualevents.MatchRule;
import com.dataeye.core.virtualevents.VirtualEvent;

import java.util.List;
import java.util.Map;

/**
 * The one place an analysis turns "the event named X" into SQL. X is a real event, or a virtual
 * event (issue 8, C3) whose current definition becomes a predicate over the stored columns
 * ({@code event}, {@code url}, {@code path}, {@code title}, {@code element_*}): column names come from
 * {@link com.dataeye.core.virtualevents.MatchField}, every value is a bound parameter. A positive test
 * on the URL runs on the store's table of distinct URLs ({@link EventUrls}) and reaches the events as
 * their URL numbers.
 *
 * @param virtual the definition when X names a virtual event, else null
 */
public record EventRef(String name, VirtualEvent virtual) {

    /** Where the server puts the project's {@link VirtualEventScope} in a query map. */
    public static final String VIRTUAL_EVENTS = "$virtual_events";

    public static EventRef real(String name) {
        return new EventRef(name, null);
    }

    /** The name in {@code scope}: a virtual event when one is defined under it, else the real event. */
    public static EventRef resolve(String name, VirtualEventScope scope) {
        return new EventRef(name, scope.find(name).orElse(null));
    }

    /** Reads an event name from a query ({@code path} names the field in errors) and resolves it in the query's scope. */
    public static EventRef of(Object raw, String path, Map<?, ?> query) {
        if (!(raw instanceof String name) || name.isBlank() || name.length() > 100) {
            throw new InvalidQueryException(path, path + " is required: the name of an event or a virtual event");
        }
        return resolve(name, VirtualEventScope.in(query));
    }

    public boolean isVirtual() {
        return virtual != null;
    }

    /** The real event names this reference can match; a cheap pre-filter the store can push into its scan. */
    public List<String> eventNames() {
        return virtual == null ? List.of(name) : virtual.definition().eventNames();
    }

    /**
     * The condition on an event row, its parameters appended to {@code args} in order. It may be NULL
     * where a positive test meets a missing field: every caller uses it where NULL counts as false
     * (WHERE, FILTER, CASE WHEN, or inside {@code coalesce(…, false)}), and plain comparisons with
     * the event name first let the store push them into its scan, as for a real event.
     */
    public String sql(List<Object> args) {
        if (virtual == null) {
            args.add(name);
            return "event = ?";
        }
        List<MatchRule> rules = virtual.definition().rules();
        if (rules.size() == 1) {
            return "(" + rule(rules.get(0), args) + ")";
        }
        // the IN list first: every rule's event names, so the scan can skip other events before any text is compared
        StringBuilder sql = new StringBuilder("(").append(inList("event", eventNames(), args)).append(" AND (");
        for (int i = 0; i < rules.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (").append(rule(rules.get(i), args)).append(")");
        }
        return sql.append("))").toString();
    }

    private static String rule(MatchRule r, List<Object> args) {
        StringBuilder sql = new StringBuilder(inList("event", r.events(), args));
        for (Condition c : r.conditions()) {
            sql.append(" AND ").append(condition(c, args));
        }
        return sql.toString();
    }

    static String condition(Condition c, List<Object> args) {
        if (c.field() == MatchField.URL && !c.op().negative()) {
            // Tested per distinct URL instead of per event (EventUrls): the matching URLs' numbers are
            // integers, their page numbers reach the events scan as a join filter, and an event without
            // a URL (NULL numbers) matches none, as a positive test on a missing field. The matches
            // remembered for this condition (UrlMatches) are read, and the test runs only on the URLs
            // stored after them: the same set whether or not anything was remembered.
            String key = UrlMatches.key(c);
            args.add(key);
            args.add(key);
            // (the test sits in a CASE on the newer URLs, so that no plan runs it on the remembered ones first)
            return "(page_id, url_id) IN (SELECT page_id, url_id FROM " + EventUrls.MATCHES + " WHERE match_key = ? UNION ALL "
                    + "SELECT u.page_id, u.url_id FROM " + EventUrls.TABLE + " u, (SELECT coalesce(max(through), 0) AS through FROM "
                    + EventUrls.MATCHED_THROUGH + " WHERE match_key = ?) r WHERE u.url_id > r.through AND CASE WHEN u.url_id > r.through THEN "
                    + urlTest(c, args) + " ELSE false END)";
        }
        if (c.field() == MatchField.ELEMENT_SELECTOR && !c.op().negative()) {
            // Tested on the store's few dozen distinct selectors (EventSelectors) and reaching the events
            // as an integer semi-join filtered in the scan, instead of reading every click's selector;
            // an event without a selector (NULL number) matches none, as a positive test on a missing field.
            return "selector_id IN (SELECT selector_id FROM " + EventSelectors.TABLE + " WHERE " + test("selector", c, args) + ")";
        }
        return test(c.field().column(), c, args);
    }

    /** A positive URL condition as a test of {@code url} (a column of the events and of {@link EventUrls#TABLE}). */
    static String urlTest(Condition c, List<Object> args) {
        return test("url", c, args);
    }

    /** The test of one column; negative operators count a missing field as passing. */
    private static String test(String col, Condition c, List<Object> args) {
        args.add(c.op() == com.dataeye.core.virtualevents.MatchOp.GLOB ? c.likePattern() : c.value());
        return switch (c.op()) {
            case EQUALS -> col + " = ?";
            // a missing field is "not equal" and "does not contain"
            case NOT_EQUALS -> "coalesce(" + col + " <> ?, true)";
            case CONTAINS -> "contains(" + col + ", ?)";
            case NOT_CONTAINS -> "coalesce(NOT contains(" + col + ", ?), true)";
            case STARTS_WITH -> "starts_with(" + col + ", ?)";
            case ENDS_WITH -> "suffix(" + col + ", ?)";
            case GLOB -> col + " LIKE ? ESCAPE '\\'";
            case REGEX -> "regexp_matches(" + col + ", ?)";
        };
    }

    /** "The stored event is one of {@code names}", for a caller that has tested the rest of a definition already. */
    public static String anyOf(List<String> names, List<Object> args) {
        return inList("event", names, args);
    }

    private static String inList(String column, List<String> names, List<Object> args) {
        if (names.size() == 1) {
            args.add(names.get(0));
            return column + " = ?";
        }
        StringBuilder in = new StringBuilder(column).append(" IN (");
        for (int i = 0; i < names.size(); i++) {
            in.append(i == 0 ? "?" : ", ?");
            args.add(names.get(i));
        }
        return in.append(")").toString();
    }
}
