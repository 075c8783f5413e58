package com.dataeye.analytics.trend;

import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.LocalTimeSql;
import com.dataeye.analytics.query.QueryExecutor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a {@link TrendQuery} to one DuckDB statement and shapes the rows into series. */
public final class TrendRunner {

    static final String OTHER = "$other";
    static final String NONE = "$none";
    static final String ALL = "$all";

    private final QueryExecutor executor;

    public TrendRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public TrendResult run(String projectId, ZoneId zone, TrendQuery q) {
        List<Series> current = series(projectId, zone, q);
        List<TrendResult.Series> previous = q.comparePrevious()
                ? series(projectId, zone, q.over(q.range().previous())).stream().map(Series::result).toList() : List.of();
        return new TrendResult(labels(q), current.stream().map(Series::result).toList(), previous);
    }

    /** The statement and its parameters, in order; public so tests can pin the generated SQL. */
    public static Compiled compile(String projectId, ZoneId zone, TrendQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = base(projectId, zone, q, args);
        String agg = q.measure().aggregateSql();
        String group;
        if (q.breakdown() != null) {
            sql.append(", top AS (SELECT grp FROM base WHERE grp IS NOT NULL GROUP BY grp ORDER BY ").append(agg)
                    .append(" DESC NULLS LAST, grp LIMIT ?)");
            args.add(q.breakdownLimit());
            group = "CASE WHEN grp IS NULL THEN '" + NONE + "' WHEN grp IN (SELECT grp FROM top) THEN grp ELSE '" + OTHER + "' END";
        } else {
            group = "'" + ALL + "'";
        }
        sql.append(" SELECT bucket, ").append(group).append(" AS g, ").append(agg).append(" AS value FROM base")
                .append(" GROUP BY GROUPING SETS ((bucket, g), (g)) ORDER BY g, bucket NULLS FIRST");
        return new Compiled(sql.toString(), List.copyOf(args));
    }

    /**
     * A breakdown's values per raw group, without mapping groups to the top ones first: {@code bucket}
     * (NULL on a group's total), {@code grp}, {@code value}, and on each total of a non-NULL group its rank
     * {@code r} by the order {@link #compile} picks the top groups in. One pass over the events with no
     * materialised copy of them and no second aggregation to find the top groups; when at most one group
     * falls outside the top, its values are exactly what {@link #compile} reports as {@code $other}.
     */
    static Compiled compileByGroup(String projectId, ZoneId zone, TrendQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = base(projectId, zone, q, args);
        String agg = q.measure().aggregateSql();
        sql.append(", raw AS (SELECT bucket, grp, ").append(agg).append(" AS value FROM base GROUP BY GROUPING SETS ((bucket, grp), (grp)))")
                .append(" SELECT bucket, grp, value, CASE WHEN bucket IS NULL AND grp IS NOT NULL THEN row_number() OVER (")
                .append("PARTITION BY bucket IS NULL AND grp IS NOT NULL ORDER BY value DESC NULLS LAST, grp) END AS r FROM raw");
        return new Compiled(sql.toString(), List.copyOf(args));
    }

    /** {@code WITH base AS (…)}: each event's bucket, breakdown value, person and measured value. */
    private static StringBuilder base(String projectId, ZoneId zone, TrendQuery q, List<Object> args) {
        StringBuilder sql = new StringBuilder("WITH base AS (SELECT date_trunc('").append(q.interval().sql()).append("', ")
                .append(LocalTimeSql.of("ts", zone, q.range().start(zone).toInstant(), q.range().end(zone).toInstant(), args))
                .append(") AS bucket, ");
        if (q.breakdown() != null) {
            q.breakdown().bind(args);
            sql.append(q.breakdown().textSql());
        } else {
            sql.append("NULL");
        }
        sql.append(" AS grp, person_id, ").append(q.measure().valueSql(args)).append(" AS v FROM resolved_events")
                .append(" WHERE project_id = ? AND ");
        args.add(projectId);
        sql.append(q.event().sql(args)).append(" AND ts >= ? AND ts < ?");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        for (Filter f : q.filters()) {
            sql.append(" AND ").append(f.toSql(args));
        }
        sql.append(")");
        return sql;
    }

    public record Compiled(String sql, List<Object> args) {}

    private List<Series> series(String projectId, ZoneId zone, TrendQuery q) {
        List<LocalDateTime> buckets = buckets(q);
        Map<LocalDateTime, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            index.put(buckets.get(i), i);
        }
        boolean zeroWhenEmpty = switch (q.measure().kind()) {
            case COUNT, PERSONS, SUM -> true;
            default -> false;
        };
        List<Row> rows = q.breakdown() != null ? byGroup(projectId, zone, q) : null;
        if (rows == null) {
            rows = new ArrayList<>();
            List<Row> out = rows;
            Compiled c = compile(projectId, zone, q);
            executor.query(c.sql(), c.args(), rs -> {
                double value = rs.getDouble(3);
                out.add(new Row(rs.getObject(1, LocalDateTime.class), rs.getString(2), rs.wasNull() ? null : value));
            });
        }
        Map<String, Series> byGroup = new LinkedHashMap<>();
        for (Row r : rows) {
            Series s = byGroup.computeIfAbsent(r.group(), k -> new Series(k, buckets.size(), zeroWhenEmpty));
            if (r.bucket() == null) {
                s.total = r.value();
            } else {
                Integer i = index.get(r.bucket());
                if (i != null) {
                    s.values.set(i, r.value());
                }
            }
        }
        if (byGroup.isEmpty() && q.breakdown() == null) {
            byGroup.put(ALL, new Series(ALL, buckets.size(), zeroWhenEmpty)); // a flat line, not a missing chart
        }
        List<Series> out = new ArrayList<>(byGroup.values());
        // biggest first, "other" and "none" last, as operators read a breakdown
        out.sort((a, b) -> {
            int rank = Integer.compare(rank(a.group), rank(b.group));
            return rank != 0 ? rank : Double.compare(b.total == null ? 0 : b.total, a.total == null ? 0 : a.total);
        });
        return out;
    }

    /** One bucket's (or, with a NULL bucket, the whole range's) value of one series. */
    private record Row(LocalDateTime bucket, String group, Double value) {}

    /**
     * The rows {@link #compile} gives, ordered as it orders them ({@code g}, then bucket with the total
     * first), computed by {@link #compileByGroup}; {@code null} when more than one group falls outside
     * the top, whose merged {@code $other} (distinct persons, averages, percentiles) only the full
     * statement can compute.
     */
    private List<Row> byGroup(String projectId, ZoneId zone, TrendQuery q) {
        record Raw(LocalDateTime bucket, String grp, Double value, long rank) {}
        List<Raw> raw = new ArrayList<>();
        Compiled c = compileByGroup(projectId, zone, q);
        executor.query(c.sql(), c.args(), rs -> {
            double value = rs.getDouble(3);
            Double v = rs.wasNull() ? null : value;
            long r = rs.getLong(4);
            raw.add(new Raw(rs.getObject(1, LocalDateTime.class), rs.getString(2), v, rs.wasNull() ? 0 : r));
        });
        java.util.Set<String> top = new java.util.HashSet<>();
        long outside = 0;
        for (Raw r : raw) {
            if (r.rank() > 0 && r.rank() <= q.breakdownLimit()) {
                top.add(r.grp());
            } else if (r.rank() > q.breakdownLimit()) {
                outside++;
            }
        }
        if (outside > 1) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (Raw r : raw) {
            rows.add(new Row(r.bucket(), r.grp() == null ? NONE : top.contains(r.grp()) ? r.grp() : OTHER, r.value()));
        }
        // DuckDB orders text by its UTF-8 bytes
        java.util.Comparator<String> utf8 = (a, b) -> java.util.Arrays.compareUnsigned(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        rows.sort(java.util.Comparator.comparing(Row::group, utf8)
                .thenComparing(Row::bucket, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return rows;
    }

    private static int rank(String group) {
        return OTHER.equals(group) ? 1 : NONE.equals(group) ? 2 : 0;
    }

    private static List<LocalDateTime> buckets(TrendQuery q) {
        List<LocalDateTime> out = new ArrayList<>();
        LocalDate from = q.range().from();
        LocalDate to = q.range().to();
        switch (q.interval()) {
            case HOUR -> {
                for (LocalDateTime t = from.atStartOfDay(); t.isBefore(to.plusDays(1).atStartOfDay()); t = t.plusHours(1)) {
                    out.add(t);
                }
            }
            case DAY -> from.datesUntil(to.plusDays(1)).forEach(d -> out.add(d.atStartOfDay()));
            case WEEK -> {
                for (LocalDate d = from.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)); !d.isAfter(to); d = d.plusWeeks(1)) {
                    out.add(d.atStartOfDay());
                }
            }
            case MONTH -> {
                for (LocalDate d = from.withDayOfMonth(1); !d.isAfter(to); d = d.plusMonths(1)) {
                    out.add(d.atStartOfDay());
                }
            }
        }
        return out;
    }

    private static List<String> labels(TrendQuery q) {
        DateTimeFormatter f = switch (q.interval()) {
            case HOUR -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");
            case MONTH -> DateTimeFormatter.ofPattern("yyyy-MM");
            default -> DateTimeFormatter.ISO_LOCAL_DATE;
        };
        return buckets(q).stream().map(f::format).toList();
    }

    private static final class Series {
        final String group;
        final List<Double> values;
        Double total;

        Series(String group, int size, boolean zeroWhenEmpty) {
            this.group = group;
            this.values = new ArrayList<>(java.util.Collections.nCopies(size, zeroWhenEmpty ? 0.0 : null));
            this.total = zeroWhenEmpty ? 0.0 : null;
        }

        TrendResult.Series result() {
            return new TrendResult.Series(group, values, total);
        }
    }
}
