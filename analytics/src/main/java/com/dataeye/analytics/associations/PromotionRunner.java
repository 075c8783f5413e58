package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles a {@link PromotionQuery} to one statement: per transaction, then per period and group. */
public final class PromotionRunner {

    static final List<String> PERIODS = List.of("before", "during", "after");

    private final QueryExecutor executor;

    public PromotionRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public static AssociationRunner.Compiled compile(String projectId, ZoneId zone, PromotionQuery q) {
        List<Object> args = new ArrayList<>();
        LocalDate from = q.promotion().from();
        LocalDate afterStart = q.promotion().to().plusDays(1);
        String txn = q.scope() == AssociationQuery.Scope.ORDER ? "order_id" : "person_id";
        StringBuilder sql = new StringBuilder("WITH lines AS (SELECT person_id AS p, ").append(txn).append(" AS t, order_id AS o, ");
        q.item().bind(args);
        sql.append(q.item().textSql()).append(" AS i, amount,")
                .append(" CASE WHEN ts < ? THEN 'before' WHEN ts < ? THEN 'during' ELSE 'after' END AS period")
                .append(" FROM resolved_events WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?),");
        args.add(from.atStartOfDay(zone).toOffsetDateTime());
        args.add(afterStart.atStartOfDay(zone).toOffsetDateTime());
        args.add(projectId);
        args.add(q.event());
        args.add(from.minusDays(q.beforeDays()).atStartOfDay(zone).toOffsetDateTime());
        args.add(afterStart.plusDays(q.afterDays()).atStartOfDay(zone).toOffsetDateTime());
        if (q.exposure() != null) {
            sql.append(" exposed AS (SELECT DISTINCT person_id FROM resolved_events WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?");
            args.add(projectId);
            args.add(q.exposure());
            args.add(q.promotion().start(zone));
            args.add(q.promotion().end(zone));
            for (Filter f : q.exposureWhere()) {
                sql.append(" AND ").append(f.toSql(args));
            }
            sql.append("),");
        }
        StringBuilder in = new StringBuilder();
        for (String item : q.bundle()) {
            in.append(in.length() == 0 ? "?" : ", ?");
        }
        sql.append(" tx AS (SELECT period, t, any_value(p) AS p, bool_or(i = ?) AS anchor,")
                .append(" count(DISTINCT CASE WHEN i IN (").append(in).append(") THEN i END) = ? AS full_bundle,")
                .append(" coalesce(sum(amount), 0) AS rev, count(DISTINCT o) AS orders FROM lines WHERE t IS NOT NULL GROUP BY period, t)");
        args.add(q.bundle().get(0));
        args.addAll(q.bundle());
        args.add(q.bundle().size());
        String group = q.exposure() != null
                ? "CASE WHEN p IN (SELECT person_id FROM exposed) THEN 'exposed' ELSE 'comparison' END" : "'all'";
        sql.append(" SELECT period, ").append(group).append(" AS grp, count(*), sum(orders), sum(rev),")
                .append(" count(*) FILTER (WHERE anchor), count(*) FILTER (WHERE anchor AND full_bundle), GROUPING(grp) AS total")
                .append(" FROM tx GROUP BY GROUPING SETS ((period, grp), (period))");
        return new AssociationRunner.Compiled(sql.toString(), List.copyOf(args));
    }

    public PromotionResult run(String projectId, ZoneId zone, PromotionQuery q) {
        AssociationRunner.Compiled c = compile(projectId, zone, q);
        Map<String, Map<String, PromotionResult.Group>> byPeriod = new HashMap<>();
        executor.query(c.sql(), c.args(), rs -> {
            String group = rs.getInt(8) == 1 ? "all" : rs.getString(2);
            if (q.exposure() == null && !group.equals("all")) {
                return; // without an exposure event the grouping set repeats "all"
            }
            long anchor = rs.getLong(6);
            long full = rs.getLong(7);
            long orders = rs.getLong(4);
            double revenue = rs.getBigDecimal(5) == null ? 0 : rs.getBigDecimal(5).doubleValue();
            byPeriod.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(group, new PromotionResult.Group(group,
                    rs.getLong(3), orders, revenue, orders == 0 ? null : revenue / orders, anchor, full,
                    anchor == 0 ? null : (double) full / anchor));
        });
        return shape(q, byPeriod);
    }

    static PromotionResult shape(PromotionQuery q, Map<String, Map<String, PromotionResult.Group>> byPeriod) {
        List<String> groups = q.exposure() == null ? List.of("all") : List.of("all", "exposed", "comparison");
        LocalDate from = q.promotion().from();
        LocalDate to = q.promotion().to();
        String[][] bounds = {
            {from.minusDays(q.beforeDays()).toString(), from.minusDays(1).toString()},
            {from.toString(), to.toString()},
            {to.plusDays(1).toString(), to.plusDays(q.afterDays()).toString()}};
        List<PromotionResult.Period> periods = new ArrayList<>();
        for (int i = 0; i < PERIODS.size(); i++) {
            Map<String, PromotionResult.Group> found = byPeriod.getOrDefault(PERIODS.get(i), Map.of());
            List<PromotionResult.Group> out = new ArrayList<>();
            for (String g : groups) {
                out.add(found.getOrDefault(g, new PromotionResult.Group(g, 0, 0, 0, null, 0, 0, null)));
            }
            periods.add(new PromotionResult.Period(PERIODS.get(i), bounds[i][0], bounds[i][1], out));
        }
        PromotionResult.Group allBefore = periods.get(0).groups().get(0);
        PromotionResult.Group allDuring = periods.get(1).groups().get(0);
        Double aovVs = null;
        Double attachVs = null;
        if (q.exposure() != null) {
            PromotionResult.Group eb = periods.get(0).groups().get(1);
            PromotionResult.Group ed = periods.get(1).groups().get(1);
            PromotionResult.Group cb = periods.get(0).groups().get(2);
            PromotionResult.Group cd = periods.get(1).groups().get(2);
            aovVs = minus(minus(ed.aov(), eb.aov()), minus(cd.aov(), cb.aov()));
            attachVs = minus(minus(ed.attachRate(), eb.attachRate()), minus(cd.attachRate(), cb.attachRate()));
        }
        return new PromotionResult(q.bundle(), periods, new PromotionResult.Effect(minus(allDuring.aov(), allBefore.aov()),
                minus(allDuring.attachRate(), allBefore.attachRate()), aovVs, attachVs));
    }

    private static Double minus(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }
}
