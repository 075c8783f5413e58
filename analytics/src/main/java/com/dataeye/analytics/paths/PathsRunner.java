package com.dataeye.analytics.paths;

import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes {@link PathsQuery} in DuckDB: each person's events ordered by time, consecutive repeats of
 * one event collapsed (a page viewed three times in a row is one step), cut into sessions at gaps
 * longer than the session gap; from the person's first start event in the range, the next (or
 * previous) {@code depth} events of the same session are its path. A path that stops early ends in
 * {@code $end}. Per step, the {@code maxNodes} most frequent events keep their names, the rest
 * become {@code $other}.
 */
public final class PathsRunner {

    private final QueryExecutor executor;

    public PathsRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    /** The statement and its parameters, in order. */
    public record Compiled(String sql, List<Object> args) {}

    public static Compiled compile(String projectId, ZoneId zone, PathsQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH ev AS NOT MATERIALIZED (SELECT person_id, ts, ").append(label(q, args)).append(" AS event, event_id, ");
        List<Object> startArgs = new ArrayList<>();
        StringBuilder isStart = new StringBuilder("(").append(q.event().sql(startArgs));
        for (Filter f : q.filters()) {
            isStart.append(" AND ").append(f.toSql(startArgs));
        }
        isStart.append(")");
        args.addAll(startArgs);
        sql.append("coalesce(").append(isStart).append(", false) AS is_start FROM resolved_events WHERE project_id = ? AND ts >= ? AND ts < ?");
        args.add(projectId);
        // a path may run past the range's edge by one session gap per step
        java.time.Duration slack = java.time.Duration.ofMinutes((long) q.sessionGapMinutes() * q.depth());
        args.add(q.after() ? q.range().start(zone) : q.range().start(zone).minus(slack));
        args.add(q.after() ? q.range().end(zone).plus(slack) : q.range().end(zone));
        if (!q.only().isEmpty()) {
            sql.append(" AND (").append(q.event().sql(args));
            for (EventRef e : q.only()) {
                sql.append(" OR ").append(e.sql(args));
            }
            sql.append(")");
        }
        sql.append(")");
        // the session gap, depth and look-ahead are validated integers, written as numbers
        String gap = "INTERVAL " + q.sessionGapMinutes() + " MINUTE";
        // In the lists an event's time is epoch microseconds: differences of TIMESTAMPTZ values go
        // through ICU's calendar arithmetic, which made each gap test cost about a microsecond.
        String gapUs = Long.toString(q.sessionGapMinutes() * 60_000_000L);
        // Each person's first start event in the range, read from the start events alone (the event
        // filter reaches the scan) rather than from every event in the range. ev is not materialised:
        // each use below scans the table again, cheaper than writing ten million rows aside.
        sql.append(", first AS (SELECT person_id, min(ts) AS s0 FROM resolved_events WHERE project_id = ? AND ts >= ? AND ts < ? AND ")
                .append(isStart).append(" GROUP BY person_id)");
        args.add(projectId);
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        args.addAll(startArgs);
        if (q.after()) {
            // Two passes, same rules. A path only depends on the events from its first start's predecessor
            // on, so each person's events from one gap before the first start event in the range are
            // enough. Pass A looks only a short time ahead (one gap per step, plus one); a person whose
            // session ended or whose path filled up inside that stretch is final. Pass B computes the
            // few others from all their events.
            long aheadMinutes = (long) q.sessionGapMinutes() * (q.depth() + 1);
            String ahead = "INTERVAL " + aheadMinutes + " MINUTE";
            // pass A's events: those from one gap before the first start on, of which only the first few
            // count. Of the ones before the start only the last (its predecessor) counts: it decides whether the
            // start repeats the event before it. Each person keeps them in top-N aggregates (the predecessor,
            // and the first FIRST_EVENTS from the start on) instead of a list of all the events in the stretch,
            // sorted: the same rows, without building and sorting a list per person
            sql.append(", a_near AS (SELECT person_id, any_value(s0) AS s0, max(x) FILTER (ts < s0) AS pred, min(x, ").append(FIRST_EVENTS)
                    .append(") FILTER (ts >= s0) AS firsts, count(*) FILTER (ts >= s0) AS cnt FROM (SELECT ev.person_id, ev.ts, first.s0, ")
                    .append(EVENT).append(" AS x FROM ev JOIN (SELECT *, s0 - ").append(gap).append(" AS lo, s0 + ").append(ahead)
                    .append(" AS hi FROM first) first USING (person_id) WHERE ev.ts >= first.lo AND ev.ts <= first.hi) GROUP BY person_id)");
            args.add(q.range().start(zone));
            args.add(q.range().end(zone));
            // at most FIRST_EVENTS from the predecessor (or the start) on: the rules below look at fixed
            // positions; a person whose path is not settled within them is computed by pass B
            sql.append(", a_lists AS (SELECT person_id, s0, CASE WHEN pred IS NULL THEN list_sort(firsts) ELSE list_prepend(pred, list_sort(firsts)[1:")
                    .append(FIRST_EVENTS - 1).append("]) END AS l, cnt + CASE WHEN pred IS NULL THEN 0 ELSE 1 END AS all_n FROM a_near)");
            positions(sql, q, gapUs);
            // final when, after the start, the session broke, the path filled up, or the stretch ends more than
            // a gap after the person's last event in it (so whatever comes next starts a new session)
            sql.append(", a_done AS (SELECT person_id, path FROM a_path WHERE len(path) >= ").append(q.depth() + 1)
                    .append(" OR e_ <= n OR (all_n = n AND l[n].t + ").append(gapUs).append(" <= epoch_us(s0) + ").append(aheadMinutes * 60_000_000L).append("))");
            // the few persons pass A left open, before their events are read (so the join reads no others)
            sql.append(", b_first AS (SELECT * FROM first WHERE person_id NOT IN (SELECT person_id FROM a_done))");
            sql.append(", b_src AS (SELECT ev.*, b_first.s0 FROM ev JOIN (SELECT *, s0 - ").append(gap)
                    .append(" AS lo FROM b_first) b_first USING (person_id) WHERE ev.ts >= b_first.lo)");
            lists(sql, "b", "b_src", q, zone, args);
            chain(sql, "b", q, gapUs);
            sql.append(", paths AS (SELECT person_id, path FROM a_done UNION ALL SELECT person_id, path FROM b_path)");
        } else {
            // only persons with a start event in the range have a path
            sql.append(", b_src AS (SELECT ev.*, first.s0 FROM ev JOIN first USING (person_id))");
            lists(sql, "b", "b_src", q, zone, args);
            chain(sql, "b", q, gapUs);
            sql.append(", paths AS (SELECT person_id, path FROM b_path)");
        }
        // each step's node and the next one, straight from the path lists (no per-person sort)
        sql.append(", steps AS (SELECT i - 1 AS step, path[i] AS event, path[i + 1] AS nxt")
                .append(" FROM (SELECT path, unnest(range(1, len(path) + 1)) AS i FROM paths))")
                .append(", ranked AS (SELECT step, event, row_number() OVER (PARTITION BY step ORDER BY count(*) DESC, event) AS r")
                .append(" FROM steps GROUP BY step, event)")
                .append(", linked AS (SELECT s.step, CASE WHEN r.r <= ? THEN s.event ELSE '$other' END AS node,")
                .append(" CASE WHEN s.nxt IS NULL THEN NULL WHEN r2.r <= ? THEN s.nxt ELSE '$other' END AS nxt")
                .append(" FROM steps s JOIN ranked r USING (step, event) LEFT JOIN ranked r2 ON r2.step = s.step + 1 AND r2.event = s.nxt)");
        args.add(q.maxNodes());
        args.add(q.maxNodes());
        sql.append(" SELECT 'node' AS kind, step, node, NULL AS target, count(*) AS persons FROM linked GROUP BY step, node")
                .append(" UNION ALL SELECT 'link', step, node, coalesce(nxt, '$end'), count(*) FROM linked WHERE step < ?")
                .append(" GROUP BY step, node, coalesce(nxt, '$end') ORDER BY 1 DESC, 2, 5 DESC, 3");
        args.add(q.depth());
        return new Compiled(sql.toString(), List.copyOf(args));
    }

    public PathsResult run(String projectId, ZoneId zone, PathsQuery q) {
        Compiled c = compile(projectId, zone, q);
        List<PathsResult.Node> nodes = new ArrayList<>();
        List<PathsResult.Link> links = new ArrayList<>();
        java.util.Map<Integer, Long> endsPerStep = new java.util.HashMap<>();
        executor.query(c.sql(), c.args(), rs -> {
            int step = rs.getInt(2);
            String node = rs.getString(3);
            long persons = rs.getLong(5);
            if (rs.getString(1).equals("node")) {
                nodes.add(new PathsResult.Node(id(step, node), step, node, persons));
            } else {
                String target = rs.getString(4);
                if (target.equals("$end")) {
                    endsPerStep.merge(step + 1, persons, Long::sum);
                }
                links.add(new PathsResult.Link(id(step, node), id(step + 1, target), persons));
            }
        });
        endsPerStep.forEach((step, persons) -> nodes.add(new PathsResult.Node(id(step, "$end"), step, "$end", persons)));
        return new PathsResult(nodes, links);
    }

    /**
     * The rules on the rows of {@code source} (with the person's first start time {@code s0}), as CTEs
     * {@code <p>_lists} (each person's events sorted by time, then id: {@code l}, {@code n} of them) and
     * {@code <p>_path(person_id, path, l, n, s0, e_)}: a repeat of the previous event within the gap
     * collapsed (kept: {@code KEEP(i)}), sessions cut at gaps longer than the gap; the start {@code j} is
     * the person's first kept start event in the range, the path its event and the next (previous)
     * {@code depth} kept events of its session, which ends before index {@code e_}. Each person's list is
     * built by a hash aggregation and sorted on its own, so no sort runs over all the events.
     * ({@link #lists} builds the lists, {@link #chain} applies the rules; pass A uses {@link #positions}.)
     */
    /** How many events from the start's predecessor (or the start) on pass A reads per person (see a_lists). */
    private static final int FIRST_EVENTS = 10;

    /**
     * An event as {@code {t, id, e, st}}: time (epoch microseconds), id, name, and whether it is a start
     * event in the range. Structs compare field by field, so sorting them orders by time, then id.
     */
    private static final String EVENT = "{'t': epoch_us(ts), 'id': event_id, 'e': event, 'st': is_start AND ts >= ? AND ts < ?}";

    /** {@link #EVENT}s of each person (a list, in no order). */
    private static final String EVENTS = "list(" + EVENT + ")";

    private static void lists(StringBuilder sql, String p, String source, PathsQuery q, ZoneId zone, List<Object> args) {
        sql.append(", ").append(p).append("_lists AS (SELECT person_id, any_value(s0) AS s0, list_sort(").append(EVENTS).append(") AS l FROM ")
                .append(source).append(" GROUP BY person_id)");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
    }

    /**
     * Pass A's rules on its short lists ({@code a_lists}), as CTE {@code a_path(person_id, s0, all_n, l, n, e_, path)}
     * with the same meaning as {@link #chain}'s, computed without lambdas: DuckDB runs a lambda that
     * indexes the list it walks ({@code l[i - 1]}) by copying that list for every element, which cost
     * seconds for a few hundred thousand ten-element lists. Here each position of the (at most
     * {@link #FIRST_EVENTS}) events is a fixed expression, and the rules become bit masks over positions:
     * {@code kb} the kept events (not a repeat of the previous event within the gap), {@code cb} the
     * session cuts (more than the gap after the previous event), {@code sb} the start events in the range.
     * The start {@code j} is the lowest bit of {@code kb & sb}; the session ends before the first cut
     * after it ({@code e_}); the path is the first {@code depth + 1} kept positions from {@code j} up to
     * {@code e_}, taken one lowest bit at a time.
     */
    private static void positions(StringBuilder sql, PathsQuery q, String gap) {
        StringBuilder kb = new StringBuilder("2");
        StringBuilder cb = new StringBuilder("0");
        StringBuilder sb = new StringBuilder("0");
        for (int i = 1; i <= FIRST_EVENTS; i++) {
            long bit = 1L << i;
            if (i > 1) {
                kb.append(" + CASE WHEN l[").append(i).append("].e <> l[").append(i - 1).append("].e OR l[").append(i).append("].t - l[")
                        .append(i - 1).append("].t > ").append(gap).append(" THEN ").append(bit).append(" ELSE 0 END");
                cb.append(" + CASE WHEN l[").append(i).append("].t - l[").append(i - 1).append("].t > ").append(gap).append(" THEN ")
                        .append(bit).append(" ELSE 0 END");
            }
            sb.append(" + CASE WHEN l[").append(i).append("].st THEN ").append(bit).append(" ELSE 0 END");
        }
        sql.append(", a_bits AS (SELECT *, len(l) AS n, (").append(kb).append(")::BIGINT AS kb, (").append(cb).append(")::BIGINT AS cb, (")
                .append(sb).append(")::BIGINT AS sb FROM a_lists)")
                .append(", a_start AS (SELECT *, ").append(lowest("kb & sb")).append(" AS j FROM a_bits)")
                .append(", a_end AS (SELECT *, coalesce(").append(lowest("cb & ~((2::BIGINT << j) - 1)")).append(", n + 1) AS e_")
                .append(" FROM a_start WHERE j IS NOT NULL)");
        // m1: the kept positions from j to before e_; each next mask drops the lowest bit
        sql.append(", a_masks AS (SELECT *, kb & ~((1::BIGINT << j) - 1) & ((1::BIGINT << e_) - 1) AS m1 FROM a_end)");
        // each next mask drops the lowest bit of the one before
        String from = "a_masks";
        for (int k = 2; k <= q.depth() + 1; k++) {
            sql.append(", a_m").append(k).append(" AS (SELECT *, m").append(k - 1).append(" & (m").append(k - 1).append(" - 1) AS m").append(k)
                    .append(" FROM ").append(from).append(")");
            from = "a_m" + k;
        }
        StringBuilder path = new StringBuilder("[");
        for (int k = 1; k <= q.depth() + 1; k++) {
            path.append(k > 1 ? ", " : "").append("l[").append(lowest("m" + k)).append("].e");
        }
        path.append("]");
        sql.append(", a_path AS (SELECT person_id, s0, all_n, l, n, e_, ").append(path).append("[1:least(bit_count(m1), ")
                .append(q.depth() + 1).append(")] AS path FROM ").append(from).append(")");
    }

    /** The position of the lowest set bit of a non-negative mask, NULL when it is 0. */
    private static String lowest(String mask) {
        return "CASE WHEN (" + mask + ") = 0 THEN NULL ELSE CAST(log2((" + mask + ") & -(" + mask + ")) AS INTEGER) END";
    }

    private static void chain(StringBuilder sql, String p, PathsQuery q, String gap) {
        String keep = "(i = 1 OR l[i - 1].e <> l[i].e OR l[i].t - l[i - 1].t > " + gap + ")";
        String cut = "(l[i].t - l[i - 1].t > " + gap + ")";
        sql.append(", ").append(p).append("_start AS (SELECT * EXCLUDE (l), l, len(l) AS n, list_filter(range(1, len(l) + 1), lambda i: ")
                .append(keep).append(" AND l[i].st)[1] AS j FROM ").append(p).append("_lists)");
        if (q.after()) {
            sql.append(", ").append(p).append("_path AS (SELECT * EXCLUDE (e_), e_, list_transform(list_filter(range(j, e_), lambda i: ")
                    .append(keep).append(")[1:").append(q.depth() + 1).append("], lambda i: l[i].e) AS path FROM (SELECT *, coalesce(list_filter(range(j + 1, n + 1), lambda i: ")
                    .append(cut).append(")[1], n + 1) AS e_ FROM ").append(p).append("_start WHERE j IS NOT NULL))");
        } else {
            // the session begins at the last cut at or before the start (or at the first event)
            sql.append(", ").append(p).append("_path AS (SELECT * EXCLUDE (b_), b_ AS e_, list_transform(list_filter(range(j, b_ - 1, -1), lambda i: ")
                    .append(keep).append(")[1:").append(q.depth() + 1).append("], lambda i: l[i].e) AS path FROM (SELECT *, coalesce(list_filter(range(j, 1, -1), lambda i: ")
                    .append(cut).append(")[1], 1) AS b_ FROM ").append(p).append("_start WHERE j IS NOT NULL))");
        }
    }

    /**
     * A path node's name: the stored event, or the virtual event (start first, then the listed ones)
     * an event matches, so a path over virtual events shows their names and not {@code $WebClick}.
     */
    private static String label(PathsQuery q, List<Object> args) {
        List<EventRef> virtual = new ArrayList<>();
        if (q.event().isVirtual()) {
            virtual.add(q.event());
        }
        q.only().stream().filter(EventRef::isVirtual).filter(e -> !virtual.contains(e)).forEach(virtual::add);
        if (virtual.isEmpty()) {
            return "event";
        }
        StringBuilder sql = new StringBuilder("CASE");
        for (EventRef e : virtual) {
            sql.append(" WHEN ").append(e.sql(args)).append(" THEN CAST(? AS VARCHAR)");
            args.add(e.name());
        }
        return sql.append(" ELSE event END").toString();
    }

    private static String id(int step, String event) {
        return step + ":" + event;
    }
}
