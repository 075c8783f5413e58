package com.dataeye.analytics.paths;

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
        StringBuilder sql = new StringBuilder("WITH ev AS (SELECT person_id, ts, event, event_id, ");
        StringBuilder isStart = new StringBuilder("(event = ?");
        args.add(q.event());
        for (Filter f : q.filters()) {
            isStart.append(" AND ").append(f.toSql(args));
        }
        sql.append("coalesce(").append(isStart).append("), false) AS is_start FROM resolved_events WHERE project_id = ? AND ts >= ? AND ts < ?");
        args.add(projectId);
        // a path may run past the range's edge by one session gap per step
        java.time.Duration slack = java.time.Duration.ofMinutes((long) q.sessionGapMinutes() * q.depth());
        args.add(q.after() ? q.range().start(zone) : q.range().start(zone).minus(slack));
        args.add(q.after() ? q.range().end(zone).plus(slack) : q.range().end(zone));
        if (!q.only().isEmpty()) {
            sql.append(" AND (event = ? OR event IN (");
            args.add(q.event());
            for (int i = 0; i < q.only().size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
                args.add(q.only().get(i));
            }
            sql.append("))");
        }
        sql.append(")");
        // the session gap, depth and look-ahead are validated integers, written as numbers
        String gap = "INTERVAL " + q.sessionGapMinutes() + " MINUTE";
        sql.append(", first AS (SELECT person_id, min(ts) AS s0 FROM ev WHERE is_start AND ts >= ? AND ts < ? GROUP BY person_id)");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        if (q.after()) {
            // Two passes, same rules. A path only depends on the events from its first start's predecessor
            // on, so each person's events from one gap before the first start event in the range are
            // enough. Pass A looks only a short time ahead (one gap per step, plus one); a person whose
            // session ended or whose path filled up inside that stretch is final. Pass B computes the
            // few others from all their events.
            long aheadMinutes = (long) q.sessionGapMinutes() * (q.depth() + 1);
            sql.append(", near AS (SELECT ev.* FROM ev JOIN first USING (person_id) WHERE ev.ts >= first.s0 - ").append(gap)
                    .append(" AND ev.ts <= first.s0 + INTERVAL ").append(aheadMinutes).append(" MINUTE)");
            chain(sql, "a", "near", q, zone, gap, args);
            // final when, after the start, the session broke, the path filled up, or the stretch ends more than
            // a gap after the person's last event in it (so whatever comes next starts a new session)
            sql.append(", a_last AS (SELECT person_id, max(ts) AS last FROM near GROUP BY person_id)")
                    .append(", a_done AS (SELECT s.person_id FROM a_start s JOIN a_numbered n USING (person_id)")
                    .append(" JOIN first f USING (person_id) JOIN a_last l USING (person_id) WHERE n.rn >= s.st.rn")
                    .append(" GROUP BY s.person_id HAVING max(n.session) > any_value(s.st.s) OR count(*) >= ").append(q.depth() + 1)
                    .append(" OR any_value(l.last) + ").append(gap).append(" <= any_value(f.s0) + INTERVAL ").append(aheadMinutes)
                    .append(" MINUTE)");
            sql.append(", rest AS (SELECT ev.* FROM ev JOIN first USING (person_id) WHERE ev.ts >= first.s0 - ").append(gap)
                    .append(" AND ev.person_id NOT IN (SELECT person_id FROM a_done))");
            chain(sql, "b", "rest", q, zone, gap, args);
            sql.append(", steps AS (SELECT * FROM a_steps WHERE person_id IN (SELECT person_id FROM a_done) UNION ALL SELECT * FROM b_steps)");
        } else {
            chain(sql, "b", "ev", q, zone, gap, args);
            sql.append(", steps AS (SELECT * FROM b_steps)");
        }
        sql.append(", ranked AS (SELECT step, event, row_number() OVER (PARTITION BY step ORDER BY count(*) DESC, event) AS r")
                .append(" FROM steps GROUP BY step, event)")
                .append(", mapped AS (SELECT s.person_id, s.step, CASE WHEN r.r <= ? THEN s.event ELSE '$other' END AS node")
                .append(" FROM steps s JOIN ranked r USING (step, event))");
        args.add(q.maxNodes());
        sql.append(", linked AS (SELECT step, node, lead(node) OVER (PARTITION BY person_id ORDER BY step) AS nxt FROM mapped)")
                .append(" SELECT 'node' AS kind, step, node, NULL AS target, count(*) AS persons FROM linked GROUP BY step, node")
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
     * The rules on the rows of {@code source}, as CTEs {@code <p>_numbered} and {@code <p>_start}, and
     * {@code <p>_steps(person_id, step, event)}: events ordered by time (then id), a repeat of the previous
     * event within the gap collapsed, sessions cut at gaps longer than the gap; the start is the person's
     * first (collapsed) start event in the range, the steps the next (previous) {@code depth} events of its
     * session. Session number and position come from one sort ({@code w2}).
     */
    private static void chain(StringBuilder sql, String p, String source, PathsQuery q, ZoneId zone, String gap, List<Object> args) {
        sql.append(", ").append(p).append("_ordered AS (SELECT *, lag(event) OVER w AS prev_event, lag(ts) OVER w AS prev_ts FROM ")
                .append(source).append(" WINDOW w AS (PARTITION BY person_id ORDER BY ts, event_id))")
                .append(", ").append(p).append("_numbered AS (SELECT *, sum(CASE WHEN prev_ts IS NULL OR ts - prev_ts > ").append(gap)
                .append(" THEN 1 ELSE 0 END) OVER w2 AS session, row_number() OVER w2 AS rn FROM ").append(p).append("_ordered")
                .append(" WHERE prev_event IS NULL OR prev_event <> event OR ts - prev_ts > ").append(gap)
                .append(" WINDOW w2 AS (PARTITION BY person_id ORDER BY ts, event_id))")
                .append(", ").append(p).append("_start AS (SELECT person_id, min({'t': ts, 'rn': rn, 's': session}) AS st FROM ")
                .append(p).append("_numbered WHERE is_start AND ts >= ? AND ts < ? GROUP BY person_id)");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        String level = q.after() ? "n.rn - s.st.rn" : "s.st.rn - n.rn";
        sql.append(", ").append(p).append("_steps AS (SELECT n.person_id, ").append(level).append(" AS step, n.event FROM ")
                .append(p).append("_numbered n JOIN ").append(p).append("_start s USING (person_id)")
                .append(" WHERE n.session = s.st.s AND ").append(level).append(" BETWEEN 0 AND ").append(q.depth()).append(")");
    }

    private static String id(int step, String event) {
        return step + ":" + event;
    }
}
