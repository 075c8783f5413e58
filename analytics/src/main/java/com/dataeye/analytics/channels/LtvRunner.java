package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.QueryExecutor;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes an {@link LtvQuery} in one statement. A person's acquisition is their first event: its
 * channel (a non-direct event wins a tie) and its day in the project's time zone (day 0). Revenue
 * is {@code order_paid} amounts minus {@code order_refunded} amounts, each on its own day. The
 * statement returns, per channel and cohort, the persons by age (days from acquisition to as_of) and
 * the net revenue by age and day offset; maturity and curves are summed up here, because LTV at day
 * N must only count persons who have had N days.
 */
public final class LtvRunner {

    private final QueryExecutor executor;

    public LtvRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public LtvResult run(String projectId, ZoneId zone, LtvQuery q, Map<String, BigDecimal> spendByChannel) {
        String cohortExpr = switch (q.cohort()) {
            case NONE -> "''";
            case WEEK -> "strftime(date_trunc('week', d0), '%Y-%m-%d')";
            case MONTH -> "strftime(date_trunc('month', d0), '%Y-%m')";
        };
        List<Object> personArgs = new ArrayList<>();
        StringBuilder personSql = new StringBuilder();
        for (Filter f : q.persons()) {
            personSql.append(" AND ").append(f.personIdSql("person_id", personArgs));
        }
        Object zoneArg = fixedOffsetMicros(zone, q.range().start(zone).toInstant());
        String day = zoneArg instanceof Long ? "(DATE '1970-01-01' + CAST((epoch_us(first_ts) + ?) // 86400000000 AS INTEGER))"
                : "CAST(timezone(?, first_ts) AS DATE)";
        String sql = "WITH " + FirstTouch.cte() + ", "
                + "acquired AS (SELECT person_id, coalesce(channel, 'direct') AS channel, " + day + " AS d0 "
                + "  FROM firsts WHERE first_ts >= ? AND first_ts < ?" + personSql + "), "
                + "aged AS (SELECT person_id, channel, " + cohortExpr + " AS cohort, date_diff('day', d0, CAST(? AS DATE)) AS age, d0 FROM acquired), "
                + "money AS (SELECT e.person_id, date_diff('day', a.d0, " + day.replace("first_ts", "e.ts") + ") AS n, "
                + "  sum(CASE WHEN e.event = 'order_paid' THEN e.amount ELSE -e.amount END) AS net, "
                + "  count(*) FILTER (WHERE e.event = 'order_paid') AS paid "
                + "  FROM resolved_events e JOIN aged a USING (person_id) "
                + "  WHERE e.project_id = ? AND e.event IN ('order_paid', 'order_refunded') AND e.amount IS NOT NULL "
                + "    AND e.ts >= ? AND e.ts < ? GROUP BY ALL), "
                + "buyers AS (SELECT DISTINCT person_id FROM money WHERE paid > 0 AND n >= 0) "
                + "SELECT 0 AS kind, a.channel, a.cohort, a.age, NULL AS n, count(*) AS v, count(b.person_id) AS w "
                + "  FROM aged a LEFT JOIN buyers b USING (person_id) GROUP BY ALL "
                + "UNION ALL SELECT 1, a.channel, a.cohort, a.age, m.n, sum(m.net), 0 FROM money m JOIN aged a USING (person_id) "
                + "  WHERE m.n >= 0 GROUP BY ALL";
        List<Object> args = new ArrayList<>();
        args.add(projectId);
        args.add(zoneArg);
        args.add(q.range().start(zone));
        // a person acquired after as_of has no age yet
        java.time.OffsetDateTime acquiredBefore = q.asOf().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        args.add(q.range().end(zone).isBefore(acquiredBefore) ? q.range().end(zone) : acquiredBefore);
        args.addAll(personArgs);
        args.add(q.asOf());
        args.add(zoneArg);
        args.add(projectId);
        args.add(q.range().start(zone));
        args.add(q.asOf().atStartOfDay(zone).toOffsetDateTime());

        int maxAge = (int) ChronoUnit.DAYS.between(q.range().from(), q.asOf());
        Map<String, Group> groups = new TreeMap<>();
        executor.query(sql, args, rs -> {
            String key = rs.getString(2) + "\u0000" + rs.getString(3);
            Group g = groups.computeIfAbsent(key, k -> new Group(maxAge, q.curveDays()));
            int age = rs.getInt(4);
            if (rs.getInt(1) == 0) {
                g.persons[age] += rs.getLong(6);
                g.buyers += rs.getLong(7);
            } else {
                int n = rs.getInt(5);
                if (n < age) { // before as_of
                    g.revenue[age][Math.min(n, g.revenue[age].length - 1)] += rs.getDouble(6);
                    g.total += rs.getDouble(6);
                }
            }
        });
        List<LtvResult.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            String[] key = e.getKey().split("\u0000", -1);
            Group g = e.getValue();
            BigDecimal spend = q.cohort() == LtvQuery.Cohort.NONE ? spendByChannel.get(key[0]) : null;
            rows.add(g.row(key[0], key[1].isEmpty() ? null : key[1], q.curveDays(), spend));
        }
        rows.sort((a, b) -> a.cohort() == null || b.cohort() == null || a.cohort().equals(b.cohort())
                ? Long.compare(b.persons(), a.persons()) : a.cohort().compareTo(b.cohort()));
        return new LtvResult(q.asOf().toString(), q.cohort().name().toLowerCase(Locale.ROOT), rows);
    }

    /**
     * The zone's offset in microseconds when it no longer changes from {@code from} on (Asia/Shanghai):
     * then a local day is plain arithmetic on the epoch, which costs far less than a time-zone conversion
     * per row; every time this statement converts is at or after the range start. Else the zone id.
     */
    static Object fixedOffsetMicros(ZoneId zone, java.time.Instant from) {
        java.time.zone.ZoneRules rules = zone.getRules();
        if (rules.nextTransition(from) == null) {
            return rules.getOffset(from).getTotalSeconds() * 1_000_000L;
        }
        return zone.getId();
    }

    /** Persons by age, and revenue by age and day offset (offsets past the curve and horizons pooled in the last slot). */
    private static final class Group {
        final long[] persons;
        final double[][] revenue;
        long buyers;
        double total;

        Group(int maxAge, int curveDays) {
            int days = Math.max(curveDays, LtvQuery.HORIZONS[LtvQuery.HORIZONS.length - 1]) + 1;
            persons = new long[maxAge + 1];
            revenue = new double[maxAge + 1][days];
        }

        long personsTotal() {
            long sum = 0;
            for (long p : persons) {
                sum += p;
            }
            return sum;
        }

        /** Persons with at least {@code days} complete days, and their revenue on days 0 … days−1. */
        double[] matured(int days) {
            long count = 0;
            double rev = 0;
            for (int age = days; age < persons.length; age++) {
                count += persons[age];
                for (int n = 0; n < days && n < revenue[age].length - 1; n++) {
                    rev += revenue[age][n];
                }
            }
            return new double[] {count, rev};
        }

        LtvResult.Row row(String channel, String cohort, int curveDays, BigDecimal spend) {
            List<LtvResult.Horizon> horizons = new ArrayList<>();
            for (int h : LtvQuery.HORIZONS) {
                double[] m = matured(h);
                horizons.add(new LtvResult.Horizon(h, (long) m[0], round(m[1]), m[0] == 0 ? null : round(m[1] / m[0])));
            }
            List<Double> curve = new ArrayList<>();
            for (int n = 0; n < curveDays; n++) {
                double[] m = matured(n + 1);
                curve.add(m[0] == 0 ? null : round(m[1] / m[0]));
            }
            long people = personsTotal();
            Double s = spend == null ? null : spend.doubleValue();
            return new LtvResult.Row(channel, cohort, people, buyers, round(total), horizons, curve, s,
                    s == null || buyers == 0 ? null : round(s / buyers),
                    s == null || people == 0 ? null : round(s / people),
                    s == null || s == 0 ? null : Math.round((total - s) / s * 10_000) / 10_000.0,
                    s == null ? null : payback(s));
        }

        /** The first day offset by which the revenue of all persons, each up to their age, covers the spend. */
        private Integer payback(double spend) {
            double cumulative = 0;
            int days = revenue.length == 0 ? 0 : revenue[0].length - 1;
            for (int n = 0; n < days; n++) {
                for (int age = n + 1; age < persons.length; age++) {
                    cumulative += revenue[age][n];
                }
                if (cumulative >= spend) {
                    return n;
                }
            }
            return null;
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }
}
