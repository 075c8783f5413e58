package com.dataeye.analytics.funnel;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a funnel in one DuckDB statement, by the rules of docs/api/analytics.md:
 * <ol>
 *   <li>the events are those matching any step, per person after identity merge, ordered by time;
 *       equal times are ordered by step number, so steps sent in the same millisecond count in funnel order;</li>
 *   <li>a person enters at their first step-1 event within the date range;</li>
 *   <li>each next step is the person's earliest matching event after the previous step's event in that
 *       order (so a repeated step needs a second occurrence), no later than the window after the entry —
 *       it may fall after the range's end;</li>
 *   <li>a breakdown takes the property's value on the entry event; the top {@code limit} values by
 *       entrants are kept, the rest summed into {@code $other}.</li>
 * </ol>
 */
public final class FunnelRunner {

    private final QueryExecutor executor;

    public FunnelRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public record Compiled(String sql, List<Object> args) {}

    /**
     * The per-person step matches: CTE {@code s<n>} with columns {@code m1..m<n>} (structs; {@code m1.t}
     * is the entry time and {@code m1.g} the breakdown value, {@code mk.t} the time of step k).
     *
     * <p>One hash aggregation per person, no self-join and no window over all events: each event of a
     * step gets a key {@code (t, s, id)} — time, the first step it matches, event id — whose order is the
     * funnel's order of events (equal times in step order). Per person the entry is the least key of a
     * step-1 event in the range, and for every later step the sorted list of its keys; step k is then the
     * first key in its list greater than step k-1's and not later than the window after the entry.
     * When no event can match two steps, the keys are shorter (no id; later steps' lists are times only),
     * same order (see the comment on {@code exclusive}).
     */
    static String matches(String projectId, ZoneId zone, FunnelQuery q, List<Object> args) {
        int n = q.steps().size();
        // When no event can match two steps, a list-k key (step k) only ever meets a key of step k - 1:
        // the step number decides every tie of times and the event id never does, so the keys leave it
        // out (strings made the lists' building and sorting about a third of the statement). The entry
        // still needs it when a breakdown reads the entry event's value (two entries at one time).
        boolean exclusive = exclusiveSteps(q);
        boolean entryId = !exclusive || q.breakdown() != null;
        String id = exclusive ? "" : ", 'id': event_id";
        List<Object> rangeArgs = List.of(projectId, q.range().start(zone), q.range().end(zone).plus(q.window()));
        // the real events any step can match: the scan skips all others before a step's conditions run
        List<String> names = q.steps().stream().flatMap(s -> s.event().eventNames().stream()).distinct().toList();
        List<String> real = q.steps().stream().filter(s -> !s.event().isVirtual()).map(s -> s.event().name()).distinct().toList();
        StringBuilder sql = new StringBuilder("WITH ev0 AS (");
        boolean anyVirtual = q.steps().stream().anyMatch(s -> s.event().isVirtual());
        boolean split = anyVirtual && java.util.stream.IntStream.range(0, n)
                .allMatch(k -> !q.steps().get(k).event().isVirtual() || impliedByPrefilter(q, k));
        if (split) {
            // No two steps share a stored event: one scan for the real steps' events and one per virtual
            // step, each with its own test in its WHERE, where the store pushes it into the scan (a URL
            // test's matching page numbers, a path) instead of testing every row of the event behind it.
            // The same columns in every branch: a row of one branch fails the other branches' tests.
            String union = "";
            // A step outside a branch is a literal false there, so that the store's pushed-down "any step"
            // filter of one branch does not admit the other branches' events.
            if (!real.isEmpty()) {
                sql.append(rows(q, entryId, k -> !q.steps().get(k).event().isVirtual(), args));
                args.addAll(rangeArgs);
                sql.append(EventRef.anyOf(real, args));
                union = " UNION ALL ";
            }
            for (int v = 0; v < n; v++) {
                if (q.steps().get(v).event().isVirtual()) {
                    int only = v;
                    sql.append(union).append(rows(q, entryId, k -> k == only, args));
                    args.addAll(rangeArgs);
                    sql.append(q.steps().get(v).event().sql(args));
                    union = " UNION ALL ";
                }
            }
        } else {
            sql.append(rows(q, entryId, k -> true, args));
            args.addAll(rangeArgs);
            sql.append(EventRef.anyOf(names, args));
            if (anyVirtual) {
                // a virtual step's events (say $WebClick) are mostly not the step: drop them before the
                // per-row step columns are computed, not after
                sql.append(" AND (");
                String or = "";
                if (!real.isEmpty()) {
                    sql.append(EventRef.anyOf(real, args));
                    or = " OR ";
                }
                for (FunnelQuery.Step s : q.steps()) {
                    if (s.event().isVirtual()) {
                        sql.append(or).append(s.event().sql(args));
                        or = " OR ";
                    }
                }
                sql.append(")");
            }
        }
        // times as epoch microseconds: comparisons and the window's deadline stay integer arithmetic
        // (TIMESTAMPTZ arithmetic goes through ICU's calendar)
        sql.append("), ev AS (SELECT *, {'t': epoch_us(ts), 's': CASE");
        for (int k = 1; k <= n; k++) {
            sql.append(" WHEN ok").append(k).append(" THEN ").append(k);
        }
        sql.append(" END").append(id).append("} AS key FROM ev0 WHERE ok1");
        for (int k = 2; k <= n; k++) {
            sql.append(" OR ok").append(k);
        }
        sql.append("), per AS (SELECT person_id, ").append(entryId ? "min({'t': epoch_us(ts), 'id': event_id, 'g': grp})" : "min(key.t)")
                .append(" FILTER (WHERE ok1 AND ts < ?) AS m1");
        args.add(q.range().end(zone));
        for (int k = 2; k <= n; k++) {
            // list_sort after collecting: half the cost of an ordered aggregate, same order; with exclusive
            // steps every key of list k has step k, so its times alone keep the order (integers sort fastest)
            sql.append(", list_sort(list(").append(exclusive ? "key.t" : "key").append(") FILTER (WHERE ok").append(k).append(")) AS l").append(k);
        }
        sql.append(" FROM ev GROUP BY person_id)");
        if (!entryId) {
            // the entry's time alone, as the struct the statements below read (no breakdown: no value)
            sql.append(", per1 AS (SELECT * EXCLUDE (m1), {'t': m1, 'g': NULL::VARCHAR} AS m1 FROM per WHERE m1 IS NOT NULL)");
        }
        sql.append(", s1 AS (SELECT *, ").append(exclusive ? "m1.t" : "{'t': m1.t, 's': 1, 'id': m1.id}").append(" AS k1, m1.t + ? AS deadline FROM ")
                .append(entryId ? "per" : "per1").append(" WHERE m1 IS NOT NULL)");
        args.add(q.window().toSeconds() * 1_000_000L);
        if (exclusive && n > 1) {
            // step k's time: the first in its list at or after step k-1's (at the same time the step
            // number orders it after), t<k>; then m<k> as the struct the callers read, NULL when not reached
            for (int k = 2; k <= n; k++) {
                String prev = k == 2 ? "k1" : "t" + (k - 1);
                sql.append(", c").append(k).append(" AS (SELECT * EXCLUDE (l").append(k).append("), list_filter(l").append(k)
                        .append(", lambda x: x >= ").append(prev).append(" AND x <= deadline)[1] AS t").append(k)
                        .append(" FROM ").append(k == 2 ? "s1" : "c" + (k - 1)).append(")");
            }
            sql.append(", s").append(n).append(" AS (SELECT *");
            for (int k = 2; k <= n; k++) {
                sql.append(", CASE WHEN t").append(k).append(" IS NOT NULL THEN {'t': t").append(k).append("} END AS m").append(k);
            }
            return sql.append(" FROM c").append(n).append(")").toString();
        }
        for (int k = 2; k <= n; k++) {
            String prev = k == 2 ? "k1" : "m" + (k - 1);
            sql.append(", s").append(k).append(" AS (SELECT * EXCLUDE (l").append(k).append("), list_filter(l").append(k)
                    .append(", lambda x: x > ").append(prev).append(" AND x.t <= deadline)[1] AS m").append(k)
                    .append(" FROM s").append(k - 1).append(")");
        }
        return sql.toString();
    }

    /** No event can match two steps: every step is a stored event, each a different one (filters only narrow). */
    private static boolean exclusiveSteps(FunnelQuery q) {
        return q.steps().stream().noneMatch(s -> s.event().isVirtual())
                && q.steps().stream().map(s -> s.event().name()).distinct().count() == q.steps().size();
    }

    private static String condition(FunnelQuery q, int index, List<Object> args) {
        FunnelQuery.Step step = q.steps().get(index);
        StringBuilder c = new StringBuilder("coalesce(").append(impliedByPrefilter(q, index)
                ? EventRef.anyOf(step.event().eventNames(), args) : step.event().sql(args));
        for (Filter f : step.filters()) {
            c.append(" AND ").append(f.toSql(args));
        }
        return c.append(", false)").toString();
    }

    /**
     * "SELECT … WHERE project and time AND ", the columns of a step-relevant event row: its step tests
     * ({@code false} for the steps {@code inBranch} leaves out) and its breakdown value.
     */
    private static String rows(FunnelQuery q, boolean entryId, java.util.function.IntPredicate inBranch, List<Object> args) {
        StringBuilder select = new StringBuilder("SELECT person_id, ts").append(entryId ? ", event_id" : "");
        for (int k = 1; k <= q.steps().size(); k++) {
            select.append(", ").append(inBranch.test(k - 1) ? condition(q, k - 1, args) : "false").append(" AS ok").append(k);
        }
        select.append(", ");
        if (q.breakdown() != null) {
            q.breakdown().bind(args);
            select.append(q.breakdown().textSql());
        } else {
            select.append("NULL");
        }
        return select.append(" AS grp FROM resolved_events WHERE project_id = ? AND ts >= ? AND ts < ? AND ").toString();
    }

    /**
     * Whether a virtual step's own test may be left to the prefilter: when no other step can match its
     * stored events (say {@code $pageview}), such a row passed the WHERE only through this step's test,
     * so its event name alone says the step matched. A URL test is a semi-join over the distinct URLs;
     * evaluated once instead of twice per row it kept a funnel with a URL step near its explicit cost.
     */
    public static boolean impliedByPrefilter(FunnelQuery q, int index) {
        EventRef e = q.steps().get(index).event();
        if (!e.isVirtual()) {
            return false;
        }
        java.util.Set<String> mine = new java.util.HashSet<>(e.eventNames());
        for (int k = 0; k < q.steps().size(); k++) {
            if (k != index && q.steps().get(k).event().eventNames().stream().anyMatch(mine::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The counting statement: one row per entry group plus {@code $all}. */
    public static Compiled compile(String projectId, ZoneId zone, FunnelQuery q) {
        List<Object> args = new ArrayList<>();
        int n = q.steps().size();
        StringBuilder sql = new StringBuilder(matches(projectId, zone, q, args));
        sql.append(" SELECT ").append(q.breakdown() == null ? "'$all'" : "CASE WHEN GROUPING(grp) = 1 THEN '$all' ELSE grp END")
                .append(" AS g");
        for (int k = 1; k <= n; k++) {
            sql.append(", count(m").append(k).append(")");
        }
        for (int k = 2; k <= n; k++) {
            // seconds boundaries crossed, as date_diff counts them (the session's time zone is UTC)
            sql.append(", median(date_diff('second', make_timestamp(m").append(k - 1).append(".t), make_timestamp(m").append(k).append(".t)))");
        }
        sql.append(" FROM (SELECT *, coalesce(CAST(m1.g AS VARCHAR), '$none') AS grp FROM s").append(n).append(")");
        if (q.breakdown() != null) {
            sql.append(" GROUP BY GROUPING SETS ((grp), ())");
        }
        return new Compiled(sql.toString(), List.copyOf(args));
    }

    public FunnelResult run(String projectId, ZoneId zone, FunnelQuery q) {
        Compiled c = compile(projectId, zone, q);
        int n = q.steps().size();
        List<Counts> rows = new ArrayList<>();
        executor.query(c.sql(), c.args(), rs -> {
            long[] persons = new long[n];
            Double[] medians = new Double[n];
            for (int k = 0; k < n; k++) {
                persons[k] = rs.getLong(2 + k);
                if (k > 0) {
                    double m = rs.getDouble(1 + n + k);
                    medians[k] = rs.wasNull() ? null : m;
                }
            }
            rows.add(new Counts(rs.getString(1), persons, medians));
        });
        Counts all = rows.stream().filter(r -> r.group.equals("$all")).findFirst().orElse(new Counts("$all", new long[n], new Double[n]));
        List<Counts> groups = new ArrayList<>(rows.stream().filter(r -> !r.group.equals("$all")).toList());
        groups.sort((a, b) -> Long.compare(b.persons[0], a.persons[0]));
        List<FunnelResult.Group> out = new ArrayList<>();
        out.add(all.result(q));
        Counts other = null;
        for (int i = 0; i < groups.size(); i++) {
            if (i < q.breakdownLimit() || groups.get(i).group.equals("$none")) {
                out.add(groups.get(i).result(q));
            } else {
                other = other == null ? new Counts("$other", new long[n], new Double[n]) : other;
                for (int k = 0; k < n; k++) {
                    other.persons[k] += groups.get(i).persons[k];
                }
            }
        }
        if (other != null) {
            out.add(other.result(q)); // medians of merged groups are unknown, not averaged
        }
        return new FunnelResult(out);
    }

    /** Persons who reached step {@code k - 1} but not step {@code k}, a page at a time, ordered by person. */
    public List<String> dropped(String projectId, ZoneId zone, FunnelQuery q, int k, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String sql = matches(projectId, zone, q, args) + " SELECT person_id FROM s" + q.steps().size()
                + " WHERE m" + (k - 1) + " IS NOT NULL AND m" + k + " IS NULL ORDER BY person_id LIMIT ? OFFSET ?";
        args.add(limit);
        args.add(offset);
        List<String> persons = new ArrayList<>();
        executor.query(sql, args, rs -> persons.add(rs.getString(1)));
        return persons;
    }

    private record Counts(String group, long[] persons, Double[] medians) {
        FunnelResult.Group result(FunnelQuery q) {
            List<FunnelResult.StepResult> steps = new ArrayList<>();
            for (int k = 0; k < persons.length; k++) {
                double conversion = persons[0] == 0 ? 0 : persons[k] / (double) persons[0];
                double stepConversion = k == 0 ? (persons[0] == 0 ? 0 : 1) : persons[k - 1] == 0 ? 0 : persons[k] / (double) persons[k - 1];
                steps.add(new FunnelResult.StepResult(k + 1, q.steps().get(k).event().name(), persons[k], conversion, stepConversion,
                        k == 0 ? 0 : persons[k - 1] - persons[k], medians[k]));
            }
            return new FunnelResult.Group(group, steps);
        }
    }
}
