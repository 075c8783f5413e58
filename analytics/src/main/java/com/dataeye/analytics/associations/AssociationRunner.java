package com.dataeye.analytics.associations;

import com.dataeye.analytics.query.QueryExecutor;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts frequent items, pairs and triples in DuckDB with support pruning (Apriori's rule: a pair is
 * counted only from items that are frequent alone, a triple only when its three pairs are frequent),
 * then derives support, confidence and lift in Java. Why SQL counting and not FP-growth:
 * docs/features/associations.md.
 */
public final class AssociationRunner {

    private final QueryExecutor executor;

    public AssociationRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public record Compiled(String sql, List<Object> args) {}

    /**
     * One statement; rows are (size, x, y, z, count), size 0 carrying the number of transactions and -1
     * the threshold. Transactions are joined by a 64-bit hash of their id and items by a dense number,
     * so the self-joins compare integers, not strings.
     */
    public static Compiled compile(String projectId, ZoneId zone, AssociationQuery q) {
        List<Object> args = new ArrayList<>();
        boolean window = q.windowDays() != null;
        String txn = q.scope() == AssociationQuery.Scope.ORDER ? "order_id" : "person_id";
        StringBuilder sql = new StringBuilder("WITH lines AS MATERIALIZED (SELECT DISTINCT hash(t) AS t, i")
                .append(window ? ", s" : "").append(" FROM (SELECT ").append(txn).append(" AS t, ");
        q.item().bind(args);
        sql.append(q.item().textSql()).append(" AS i, epoch(ts) AS s FROM resolved_events")
                .append(" WHERE project_id = ? AND event = ? AND ts >= ? AND ts < ?) WHERE t IS NOT NULL AND i IS NOT NULL),");
        args.add(projectId);
        args.add(q.event());
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        // without a time span each (transaction, item) is one line, so count(*) counts transactions
        String count = window ? "count(DISTINCT a.t)" : "count(*)";
        sql.append(" tx AS MATERIALIZED (SELECT t, count(*) AS k FROM lines GROUP BY t),")
                .append(" n AS (SELECT count(*) AS n FROM tx),")
                .append(" th AS (SELECT greatest(?, CAST(ceil(? * n) AS BIGINT)) AS m FROM n),")
                .append(" singles AS MATERIALIZED (SELECT i, c, row_number() OVER (ORDER BY i) AS j FROM (SELECT i, ")
                .append(window ? "count(DISTINCT t)" : "count(*)").append(" AS c FROM lines GROUP BY i) WHERE c >= (SELECT m FROM th)),")
                // only transactions with two or more frequent items can hold a frequent pair
                // (with a time span a transaction's count of rows only over-estimates its items: pruning stays safe)
                .append(" kept AS MATERIALIZED (SELECT l.t, s.j").append(window ? ", l.s" : "")
                .append(" FROM lines l JOIN singles s ON s.i = l.i WHERE l.t IN (SELECT t FROM tx WHERE k >= 2)),")
                .append(" multi AS MATERIALIZED (SELECT * FROM kept WHERE t IN (SELECT t FROM kept GROUP BY t HAVING count(*) >= 2)),")
                .append(" pairs AS MATERIALIZED (SELECT a.j AS x, b.j AS y, ").append(count).append(" AS c")
                .append(" FROM multi a JOIN multi b ON a.t = b.t AND a.j < b.j");
        args.add(q.minCount());
        args.add(q.minSupport());
        if (window) {
            sql.append(" AND abs(a.s - b.s) <= ?");
            args.add(q.windowDays() * 86_400L);
        }
        sql.append(" GROUP BY a.j, b.j HAVING ").append(count).append(" >= (SELECT m FROM th))");
        if (q.maxSize() == 3) {
            String tripleCount = window ? "count(DISTINCT ab.t)" : "count(*)";
            sql.append(", t3 AS MATERIALIZED (SELECT * FROM multi WHERE t IN (SELECT t FROM multi GROUP BY t HAVING count(*) >= 3)),")
                    .append(" ab AS (SELECT a.t, a.j AS x, b.j AS y").append(window ? ", a.s AS sa, b.s AS sb" : "")
                    .append(" FROM t3 a JOIN t3 b ON a.t = b.t AND a.j < b.j")
                    .append(window ? " AND abs(a.s - b.s) <= ?" : "")
                    .append(" JOIN pairs p ON p.x = a.j AND p.y = b.j),")
                    .append(" triples AS (SELECT ab.x, ab.y, c.j AS z, ").append(tripleCount).append(" AS c")
                    .append(" FROM ab JOIN t3 c ON c.t = ab.t AND c.j > ab.y")
                    .append(window ? " AND abs(c.s - ab.sa) <= ? AND abs(c.s - ab.sb) <= ?" : "")
                    .append(" JOIN pairs p1 ON p1.x = ab.x AND p1.y = c.j JOIN pairs p2 ON p2.x = ab.y AND p2.y = c.j")
                    .append(" GROUP BY ab.x, ab.y, c.j HAVING ").append(tripleCount).append(" >= (SELECT m FROM th))");
            if (window) {
                long w = q.windowDays() * 86_400L;
                args.add(w);
                args.add(w);
                args.add(w);
            }
        }
        sql.append(" SELECT 0 AS k, NULL AS x, NULL AS y, NULL AS z, n AS c FROM n")
                .append(" UNION ALL SELECT -1, NULL, NULL, NULL, m FROM th")
                .append(" UNION ALL SELECT 1, i, NULL, NULL, c FROM singles")
                .append(" UNION ALL SELECT 2, sx.i, sy.i, NULL, pairs.c FROM pairs JOIN singles sx ON sx.j = x JOIN singles sy ON sy.j = y");
        if (q.maxSize() == 3) {
            sql.append(" UNION ALL SELECT 3, sx.i, sy.i, sz.i, triples.c FROM triples JOIN singles sx ON sx.j = x JOIN singles sy ON sy.j = y")
                    .append(" JOIN singles sz ON sz.j = z");
        }
        return new Compiled(sql.toString(), List.copyOf(args));
    }

    public AssociationResult run(String projectId, ZoneId zone, AssociationQuery q) {
        Compiled c = compile(projectId, zone, q);
        long[] totals = new long[2];
        Map<String, Long> singles = new HashMap<>();
        Map<List<String>, Long> pairs = new HashMap<>();
        Map<List<String>, Long> triples = new HashMap<>();
        executor.query(c.sql(), c.args(), rs -> {
            int k = rs.getInt(1);
            long count = rs.getLong(5);
            switch (k) {
                case 0 -> totals[0] = count;
                case -1 -> totals[1] = count;
                case 1 -> singles.put(rs.getString(2), count);
                case 2 -> pairs.put(List.of(rs.getString(2), rs.getString(3)), count);
                default -> triples.put(List.of(rs.getString(2), rs.getString(3), rs.getString(4)), count);
            }
        });
        return shape(q, totals[0], totals[1], singles, pairs, triples);
    }

    /** Support, confidence and lift from the counts; public so tests can check the arithmetic by hand. */
    public static AssociationResult shape(AssociationQuery q, long n, long minCount, Map<String, Long> singles,
                                          Map<List<String>, Long> pairs, Map<List<String>, Long> triples) {
        List<AssociationResult.Item> items = singles.entrySet().stream()
                .map(e -> new AssociationResult.Item(e.getKey(), e.getValue(), ratio(e.getValue(), n)))
                .sorted(Comparator.comparingLong(AssociationResult.Item::count).reversed().thenComparing(AssociationResult.Item::item))
                .limit(q.limit()).toList();
        List<AssociationResult.Rule> rules = new ArrayList<>();
        List<AssociationResult.Itemset> sets = new ArrayList<>();
        pairs.forEach((pair, c) -> {
            long cx = singles.get(pair.get(0));
            long cy = singles.get(pair.get(1));
            double lift = (double) c * n / ((double) cx * cy);
            sets.add(new AssociationResult.Itemset(pair, c, ratio(c, n), lift, lift * c));
            rules.add(rule(q, List.of(pair.get(0)), pair.get(1), c, cx, cy, n));
            rules.add(rule(q, List.of(pair.get(1)), pair.get(0), c, cy, cx, n));
        });
        triples.forEach((t, c) -> {
            String x = t.get(0);
            String y = t.get(1);
            String z = t.get(2);
            double lift = (double) c * n * n / ((double) singles.get(x) * singles.get(y) * singles.get(z));
            sets.add(new AssociationResult.Itemset(t, c, ratio(c, n), lift, lift * c));
            rules.add(rule(q, List.of(x, y), z, c, pairs.get(List.of(x, y)), singles.get(z), n));
            rules.add(rule(q, List.of(x, z), y, c, pairs.get(List.of(x, z)), singles.get(y), n));
            rules.add(rule(q, List.of(y, z), x, c, pairs.get(List.of(y, z)), singles.get(x), n));
        });
        rules.sort(Comparator.comparingDouble(AssociationResult.Rule::lift).reversed()
                .thenComparing(Comparator.comparingLong(AssociationResult.Rule::count).reversed())
                .thenComparing(r -> String.join("\u0000", r.antecedent()) + "\u0001" + r.consequent()));
        List<AssociationResult.Itemset> bundles = sets.stream().filter(s -> s.lift() > 1)
                .sorted(Comparator.comparingDouble(AssociationResult.Itemset::score).reversed()
                        .thenComparing(s -> String.join("\u0000", s.items())))
                .limit(q.limit()).toList();
        return new AssociationResult(q.scopeName(), q.windowDays(), n, minCount, items,
                rules.subList(0, Math.min(rules.size(), q.limit())), bundles);
    }

    private static AssociationResult.Rule rule(AssociationQuery q, List<String> antecedent, String consequent, long c,
                                               long antecedentCount, long consequentCount, long n) {
        double confidence = ratio(c, antecedentCount);
        double lift = confidence / ratio(consequentCount, n);
        return new AssociationResult.Rule(antecedent, consequent, c, ratio(c, n), confidence, lift,
                statement(q, antecedent, consequent, c, antecedentCount, confidence));
    }

    /** "35.0% of buyers of X also buy Y (35 of 100)", worded for the scope and window. */
    static String statement(AssociationQuery q, List<String> antecedent, String consequent, long c, long of, double confidence) {
        String what = String.join(" and ", antecedent);
        String pct = String.format(Locale.ROOT, "%.1f%%", confidence * 100);
        String counts = String.format(Locale.ROOT, " (%d of %d)", c, of);
        if (q.scope() == AssociationQuery.Scope.ORDER) {
            return pct + " of orders with " + what + " also contain " + consequent + counts;
        }
        String within = q.windowDays() == null ? "" : " within " + q.windowDays() + " days";
        return pct + " of buyers of " + what + " also buy " + consequent + within + counts;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
