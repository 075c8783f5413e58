package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.QueryExecutor;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Sizes, member lists and per-person explanations of segments, each one statement on the event store. */
public final class SegmentEvaluator {

    private final QueryExecutor executor;

    public SegmentEvaluator(QueryExecutor executor) {
        this.executor = executor;
    }

    /** A segment's members as SQL ({@code SELECT person_id …}) with its parameters: for counting, listing and filtering analyses. */
    public record Members(String sql, List<Object> args) {}

    public static Members members(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver.Target segment, SegmentResolver resolver) {
        if (segment.isStatic()) {
            return new Members(StaticMembers.sql(), List.of(projectId, segment.id()));
        }
        SegmentCompiler.Compiled c = SegmentCompiler.compile(projectId, zone, asOf, segment.node(), resolver);
        return new Members(c.membersSql(), c.membersArgs());
    }

    public long count(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver.Target segment, SegmentResolver resolver) {
        Members m = members(projectId, zone, asOf, segment, resolver);
        long[] n = new long[1];
        executor.query("SELECT count(*) FROM (" + m.sql() + ")", m.args(), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** Member ids in id order, a page of them ({@code limit} ≤ 0: all), each handed to {@code each} as it is read. */
    public void list(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver.Target segment, SegmentResolver resolver,
                     long limit, long offset, Consumer<String> each) {
        Members m = members(projectId, zone, asOf, segment, resolver);
        List<Object> args = new ArrayList<>(m.args());
        String page = "";
        if (limit > 0) {
            page = " LIMIT ? OFFSET ?";
            args.add(limit);
            args.add(offset);
        }
        executor.query("SELECT person_id FROM (" + m.sql() + ") ORDER BY person_id" + page, args, rs -> each.accept(rs.getString(1)));
    }

    /** Whether the person is in the segment, and each condition's values and verdict for that person. */
    public record Membership(String segment, boolean member, List<Condition> conditions) {}

    public record Condition(String path, String description, boolean met, Map<String, Object> values) {}

    public Membership explain(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver.Target segment, SegmentResolver resolver,
                              String personId) {
        if (segment.isStatic()) {
            boolean[] in = new boolean[1];
            executor.query("SELECT 1 FROM (" + StaticMembers.sql() + ") WHERE person_id = ? LIMIT 1",
                    List.of(projectId, segment.id(), personId), rs -> in[0] = true);
            return new Membership(segment.id(), in[0], List.of(new Condition("list", "is in the saved list", in[0], Map.of())));
        }
        SegmentCompiler.Compiled c = SegmentCompiler.compile(projectId, zone, asOf, segment.node(), resolver);
        StringBuilder sql = new StringBuilder(c.from()).append(" SELECT ").append(c.condition()).append(" AS member");
        List<Object> args = new ArrayList<>(c.fromArgs());
        args.addAll(c.conditionArgs());
        for (SegmentCompiler.Leaf leaf : c.leaves()) {
            sql.append(", ").append(leaf.testSql());
            args.addAll(leaf.testArgs());
            for (String v : leaf.valueSql()) {
                sql.append(", ").append(v);
            }
        }
        sql.append(" FROM src WHERE person_id = ?");
        args.add(personId);
        List<Condition> conditions = new ArrayList<>();
        boolean[] member = new boolean[1];
        executor.query(sql.toString(), args, rs -> {
            member[0] = rs.getBoolean(1);
            int col = 2;
            for (SegmentCompiler.Leaf leaf : c.leaves()) {
                boolean met = rs.getBoolean(col++);
                Map<String, Object> values = new LinkedHashMap<>();
                for (String name : leaf.valueNames()) {
                    Object v = rs.getObject(col++);
                    values.put(name, v instanceof java.math.BigDecimal d ? d.doubleValue() : v);
                }
                conditions.add(new Condition(leaf.path(), leaf.description(), met, values));
            }
        });
        if (conditions.isEmpty()) { // the person has no events up to that day
            for (SegmentCompiler.Leaf leaf : c.leaves()) {
                Map<String, Object> values = new LinkedHashMap<>();
                leaf.valueNames().forEach(n -> values.put(n, null));
                conditions.add(new Condition(leaf.path(), leaf.description(), false, values));
            }
        }
        return new Membership(segment.id(), member[0], conditions);
    }
}
