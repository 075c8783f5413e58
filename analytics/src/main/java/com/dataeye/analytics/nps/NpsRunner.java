package com.dataeye.analytics.nps;

import com.dataeye.analytics.channels.FirstTouch;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Counts promoters (9–10), passives (7–8) and detractors (0–6) among the responses in the range, per
 * group, in one statement. Every response counts (a person answering twice counts twice). A channel
 * is the respondent's first-touch channel, as in LTV.
 */
public final class NpsRunner {

    private final QueryExecutor executor;

    public NpsRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    /**
     * By segment: the overall score of the responses, and one group per segment with that segment's
     * members only ({@code members} holds a segment filter per id, in the query's order).
     */
    public NpsResult runBySegment(String projectId, ZoneId zone, NpsQuery q, List<Filter> members) {
        NpsQuery overall = new NpsQuery(q.range(), q.event(), q.scoreProperty(), NpsQuery.By.NONE, q.confidence(),
                q.filters(), List.of());
        NpsResult all = run(projectId, zone, overall);
        List<NpsScore> groups = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            List<Filter> filters = new ArrayList<>(q.filters());
            filters.add(members.get(i));
            NpsScore s = run(projectId, zone, new NpsQuery(q.range(), q.event(), q.scoreProperty(), NpsQuery.By.NONE,
                    q.confidence(), filters, List.of())).overall();
            groups.add(NpsScore.of(q.segments().get(i), s.promoters(), s.passives(), s.detractors(), q.confidence()));
        }
        return new NpsResult("segment", q.confidence(), all.overall(), groups, all.ignored());
    }

    public NpsResult run(String projectId, ZoneId zone, NpsQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("WITH ");
        String group = switch (q.by()) {
            case NONE, SEGMENT -> "''";
            case WEEK -> "strftime(date_trunc('week', CAST(timezone(?, r.ts) AS DATE)), '%Y-%m-%d')";
            case CHANNEL -> "coalesce(f.channel, 'direct')";
        };
        if (q.by() == NpsQuery.By.CHANNEL) {
            sql.append(FirstTouch.cte()).append(", ");
            args.add(projectId);
        }
        sql.append("r AS (SELECT person_id, ts, TRY_CAST(json_extract_string(properties, ?) AS DOUBLE) AS score FROM resolved_events ")
                .append("WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?");
        args.add("$." + q.scoreProperty());
        args.add(projectId);
        args.add(q.event());
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        for (Filter f : q.filters()) {
            sql.append(" AND ").append(f.toSql(args));
        }
        sql.append(") SELECT ").append(group).append(" AS g, ")
                .append("count(*) FILTER (WHERE score >= 9 AND score <= 10), count(*) FILTER (WHERE score >= 7 AND score < 9), ")
                .append("count(*) FILTER (WHERE score >= 0 AND score < 7), count(*) FILTER (WHERE score IS NULL OR score < 0 OR score > 10) ")
                .append("FROM r");
        if (q.by() == NpsQuery.By.WEEK) {
            args.add(zone.getId()); // the group expression follows the CTE in the statement
        }
        if (q.by() == NpsQuery.By.CHANNEL) {
            sql.append(" LEFT JOIN firsts f USING (person_id)");
        }
        sql.append(" GROUP BY ALL");
        List<NpsScore> groups = new ArrayList<>();
        long[] total = new long[4];
        executor.query(sql.toString(), args, rs -> {
            long p = rs.getLong(2);
            long pa = rs.getLong(3);
            long d = rs.getLong(4);
            total[0] += p;
            total[1] += pa;
            total[2] += d;
            total[3] += rs.getLong(5);
            if (q.by() != NpsQuery.By.NONE && p + pa + d > 0) {
                groups.add(NpsScore.of(rs.getString(1), p, pa, d, q.confidence()));
            }
        });
        if (q.by() == NpsQuery.By.WEEK) {
            groups.sort(Comparator.comparing(NpsScore::group));
        } else {
            groups.sort(Comparator.comparingLong(NpsScore::responses).reversed().thenComparing(NpsScore::group));
        }
        return new NpsResult(q.by().name().toLowerCase(Locale.ROOT), q.confidence(),
                NpsScore.of(null, total[0], total[1], total[2], q.confidence()), groups, total[3]);
    }
}
