package com.dataeye.analytics.retention;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.LocalTimeSql;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Computes a {@link RetentionQuery} in one DuckDB statement: cohort sizes and returns per period. */
public final class RetentionRunner {

    private final QueryExecutor executor;

    public RetentionRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public RetentionResult run(String projectId, ZoneId zone, RetentionQuery q, LocalDate today) {
        String unit = q.interval().name().toLowerCase(Locale.ROOT);
        List<Object> args = new ArrayList<>();
        java.time.Instant spanFrom = q.range().start(zone).toInstant();
        java.time.Instant spanTo = periodEnd(q).atStartOfDay(zone).toInstant();
        StringBuilder sql = new StringBuilder("WITH cohort AS (SELECT person_id, date_trunc('").append(unit).append("', ")
                .append(LocalTimeSql.of("min(ts)", zone, spanFrom, spanTo, args))
                .append(") AS c FROM resolved_events WHERE project_id = ? AND ");
        args.add(projectId);
        sql.append(q.initialEvent().sql(args)).append(" AND ts >= ? AND ts < ?");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        for (Filter f : q.initialFilters()) {
            sql.append(" AND ").append(f.toSql(args));
        }
        // returns are reduced to one row per person and period before the join: a person active on
        // a day counts once, however many events they sent (revenue sums the amounts instead)
        sql.append(" GROUP BY person_id), ret AS (SELECT person_id, date_trunc('").append(unit).append("', ")
                .append(LocalTimeSql.of("ts", zone, spanFrom, spanTo, args))
                .append(") AS d, ").append(q.revenue() ? "sum(amount)" : "NULL").append(" AS amount FROM resolved_events")
                .append(" WHERE project_id = ? AND ");
        args.add(projectId);
        sql.append(q.returnEvent().sql(args)).append(" AND ts >= ? AND ts < ?");
        args.add(q.range().start(zone));
        args.add(periodEnd(q).atStartOfDay(zone).toOffsetDateTime());
        for (Filter f : q.returnFilters()) {
            sql.append(" AND ").append(f.toSql(args));
        }
        sql.append(" GROUP BY person_id, d), returned AS (SELECT c, date_diff('").append(unit).append("', c, d) AS n, ")
                .append(q.revenue() ? "sum(amount)" : "count(*)")
                .append(" AS v FROM cohort JOIN ret r USING (person_id) WHERE d >= c AND date_diff('").append(unit)
                .append("', c, d) BETWEEN 1 AND ? GROUP BY c, n)")
                .append(" SELECT c, -1 AS n, count(*) AS v FROM cohort GROUP BY c UNION ALL SELECT c, n, v FROM returned ORDER BY c, n");
        args.add(q.periods());

        Map<LocalDateTime, long[]> sizes = new LinkedHashMap<>();
        Map<LocalDateTime, Double[]> values = new LinkedHashMap<>();
        executor.query(sql.toString(), args, rs -> {
            LocalDateTime c = rs.getObject(1, LocalDateTime.class);
            int n = rs.getInt(2);
            double v = rs.getDouble(3);
            if (n < 0) {
                sizes.put(c, new long[] {(long) v});
            } else {
                values.computeIfAbsent(c, k -> new Double[q.periods() + 1])[n] = v;
            }
        });
        List<RetentionResult.Cohort> cohorts = new ArrayList<>();
        double[] returnedSum = new double[q.periods() + 1];
        double[] sizeSum = new double[q.periods() + 1];
        for (LocalDate start : cohortStarts(q)) {
            LocalDateTime key = start.atStartOfDay();
            long size = sizes.getOrDefault(key, new long[] {0})[0];
            Double[] raw = values.getOrDefault(key, new Double[q.periods() + 1]);
            List<Double> vals = new ArrayList<>(Collections.nCopies(q.periods() + 1, (Double) null));
            List<Double> rates = new ArrayList<>(Collections.nCopies(q.periods() + 1, (Double) null));
            for (int n = 0; n <= q.periods(); n++) {
                LocalDate periodStart = q.interval() == RetentionQuery.Interval.DAY ? start.plusDays(n) : start.plusWeeks(n);
                LocalDate periodLast = q.interval() == RetentionQuery.Interval.DAY ? periodStart : periodStart.plusDays(6);
                if (!periodLast.isBefore(today)) {
                    continue; // not over yet: unknown, not zero
                }
                double v = n == 0 ? (q.revenue() ? 0 : size) : raw[n] == null ? 0 : raw[n];
                if (n == 0 && q.revenue()) {
                    continue; // revenue is counted from period 1
                }
                vals.set(n, v);
                rates.set(n, size == 0 ? null : v / size);
                returnedSum[n] += v;
                sizeSum[n] += size;
            }
            cohorts.add(new RetentionResult.Cohort(start.toString(), size, vals, rates));
        }
        List<Double> average = new ArrayList<>();
        for (int n = 0; n <= q.periods(); n++) {
            average.add(sizeSum[n] == 0 ? null : returnedSum[n] / sizeSum[n]);
        }
        return new RetentionResult(q.interval().name().toLowerCase(Locale.ROOT), cohorts, average);
    }

    /** Returns are looked for up to {@code periods} after the last cohort. */
    private static LocalDate periodEnd(RetentionQuery q) {
        LocalDate lastCohort = cohortStarts(q).get(cohortStarts(q).size() - 1);
        return q.interval() == RetentionQuery.Interval.DAY ? lastCohort.plusDays(q.periods() + 1) : lastCohort.plusWeeks(q.periods() + 1);
    }

    private static List<LocalDate> cohortStarts(RetentionQuery q) {
        List<LocalDate> out = new ArrayList<>();
        if (q.interval() == RetentionQuery.Interval.DAY) {
            q.range().from().datesUntil(q.range().to().plusDays(1)).forEach(out::add);
        } else {
            for (LocalDate d = q.range().from().with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
                 !d.isAfter(q.range().to()); d = d.plusWeeks(1)) {
                out.add(d);
            }
        }
        return out;
    }
}
