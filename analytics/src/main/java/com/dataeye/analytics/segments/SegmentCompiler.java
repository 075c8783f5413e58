package com.dataeye.analytics.segments;

import com.dataeye.analytics.query.EventRef;
import com.dataeye.analytics.query.Filter;
import com.dataeye.analytics.query.InvalidQueryException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a definition to one parameterised statement over {@code resolved_events} (identity-merged
 * persons). Every condition becomes a per-person number computed as a filtered aggregate in a single
 * {@code GROUP BY person_id} scan, and the and/or/not tree a {@code WHERE} over those numbers: one pass
 * over the events however many conditions, and "did not" is simply a count of 0. Only persons with at
 * least one event up to the end of the evaluation day exist for a segment.
 */
public final class SegmentCompiler {

    /** The persons table a segment query produces, and the explanation of each condition. */
    public record Compiled(String from, List<Object> fromArgs, String condition, List<Object> conditionArgs, List<Leaf> leaves) {

        /** {@code SELECT person_id FROM … WHERE …}: the members. */
        public String membersSql() {
            return from + " SELECT person_id FROM src WHERE " + condition;
        }

        public List<Object> membersArgs() {
            List<Object> all = new ArrayList<>(fromArgs);
            all.addAll(conditionArgs);
            return all;
        }
    }

    /**
     * One condition as an operator reads it, with the SQL of its values and of its test.
     *
     * @param path where it sits in the definition, e.g. {@code and[0]} or {@code segment:whales/…}
     */
    public record Leaf(String path, String description, List<String> valueNames, List<String> valueSql, String testSql,
                       List<Object> testArgs) {}

    private final String projectId;
    private final ZoneId zone;
    private final LocalDate asOf;
    private final SegmentResolver resolver;
    private final Map<String, String> aggregates = new LinkedHashMap<>();
    private final List<Object> aggregateArgs = new ArrayList<>();
    private final Map<String, String> windows = new LinkedHashMap<>();
    private final Map<String, String> sides = new LinkedHashMap<>();
    private final List<Object> sideArgs = new ArrayList<>();
    private final List<Leaf> leaves = new ArrayList<>();
    private final Deque<String> visiting = new ArrayDeque<>();
    private boolean invites;

    private SegmentCompiler(String projectId, ZoneId zone, LocalDate asOf, SegmentResolver resolver) {
        this.projectId = projectId;
        this.zone = zone;
        this.asOf = asOf;
        this.resolver = resolver;
    }

    /** @param asOf the evaluation day: events after it are ignored, "last N days" end on it */
    public static Compiled compile(String projectId, ZoneId zone, LocalDate asOf, SegmentNode node, SegmentResolver resolver) {
        SegmentCompiler c = new SegmentCompiler(projectId, zone, asOf, resolver);
        List<Object> condArgs = new ArrayList<>();
        String cond = c.node(node, "", condArgs);
        return new Compiled(c.from(), c.fromArgs(), cond, List.copyOf(condArgs), List.copyOf(c.leaves));
    }

    private String node(SegmentNode node, String path, List<Object> args) {
        if (node instanceof SegmentNode.And and) {
            return join(and.all(), " AND ", path + "and", args);
        }
        if (node instanceof SegmentNode.Or or) {
            return join(or.any(), " OR ", path + "or", args);
        }
        if (node instanceof SegmentNode.Not not) {
            return "(NOT " + node(not.node(), path + "not.", args) + ")";
        }
        if (node instanceof SegmentNode.InSegment in) {
            return segment(in, path, args);
        }
        Leaf leaf = leaf(node, path.endsWith(".") ? path.substring(0, path.length() - 1) : path.isEmpty() ? "definition" : path);
        leaves.add(leaf);
        args.addAll(leaf.testArgs());
        return leaf.testSql();
    }

    private String join(List<SegmentNode> nodes, String op, String path, List<Object> args) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            parts.add(node(nodes.get(i), path + "[" + i + "].", args));
        }
        return "(" + String.join(op, parts) + ")";
    }

    private String segment(SegmentNode.InSegment in, String path, List<Object> args) {
        if (visiting.contains(in.id()) || visiting.size() >= SegmentParser.MAX_DEPTH) {
            throw new InvalidQueryException(path.isEmpty() ? "id" : path + "id",
                    "segment '" + in.id() + "' refers back to itself (" + String.join(" → ", visiting) + " → " + in.id() + ")");
        }
        SegmentResolver.Target target = resolver.find(in.id()).orElseThrow(() ->
                new InvalidQueryException(path + "id", "no segment '" + in.id() + "'"));
        if (target.isStatic()) {
            args.add(projectId);
            args.add(in.id());
            String test = "person_id IN (SELECT person_id FROM " + StaticMembers.TABLE + " WHERE project_id = ? AND segment_id = ?)";
            leaves.add(new Leaf(path + "segment:" + in.id(), "is in the saved list '" + in.id() + "'", List.of(), List.of(), test,
                    List.of(projectId, in.id())));
            return test;
        }
        visiting.push(in.id());
        try {
            return node(target.node(), path + "segment:" + in.id() + "/", args);
        } finally {
            visiting.pop();
        }
    }

    private Leaf leaf(SegmentNode node, String path) {
        if (node instanceof SegmentNode.Did d) {
            List<Object> a = new ArrayList<>();
            StringBuilder where = new StringBuilder(EventRef.resolve(d.event(), resolver.virtualEvents()).sql(a))
                    .append(" AND ").append(d.period().sql(zone, asOf, a));
            for (Filter f : d.where()) {
                where.append(" AND ").append(f.toSql(a));
            }
            String v = aggregate("count(*) FILTER (WHERE " + where + ")", a);
            String filtered = d.where().isEmpty() ? "" : " matching " + d.where().size() + " filter(s)";
            return test(path, "did " + d.event() + filtered + " " + d.count() + " times" + d.period().words(),
                    List.of("count"), List.of(v), List.of(d.count()));
        }
        if (node instanceof SegmentNode.Rfm r) {
            return rfm(r, path);
        }
        if (node instanceof SegmentNode.Activity a) {
            return activity(a, path);
        }
        if (node instanceof SegmentNode.Referrals r) {
            return referrals(r, path);
        }
        return property(((SegmentNode.PersonProperty) node).filter(), path);
    }

    private Leaf rfm(SegmentNode.Rfm r, String path) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Comparison> tests = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Object> a = new ArrayList<>();
        String period = r.period().sql(zone, asOf, a);
        if (r.recencyDays() != null) {
            List<Object> ra = new ArrayList<>();
            names.add("recency_days");
            values.add(aggregate(daysAgo("max(ts) FILTER (WHERE event = 'order_paid' AND " + period + ")", a, ra), ra));
            tests.add(r.recencyDays());
            words.add("last paid order " + r.recencyDays() + " days ago");
        }
        if (r.frequency() != null) {
            names.add("frequency");
            // orders are distinct order ids (a paid event without one is an order of its own), counted over
            // the paid events alone: a distinct count inside the main scan would cost more than the scan
            values.add(side("count(DISTINCT order_id) + count(*) FILTER (WHERE order_id IS NULL)", List.of(),
                    "event = 'order_paid' AND " + period, a));
            tests.add(r.frequency());
            words.add("paid orders " + r.frequency());
        }
        String monetary = null;
        if (r.monetary() != null || r.monetaryTopPercent() != null) {
            monetary = aggregate("coalesce(sum(CASE WHEN event = 'order_paid' THEN amount"
                    + (r.gross() ? "" : " WHEN event = 'order_refunded' THEN -amount") + " END) FILTER (WHERE " + period + "), 0)", a);
        }
        if (r.monetary() != null) {
            names.add(r.gross() ? "gross_spend" : "net_spend");
            values.add(monetary);
            tests.add(r.monetary());
            words.add((r.gross() ? "gross" : "net") + " spend " + r.monetary());
        }
        Leaf base = test(path, String.join(", ", words) + r.period().words(), names, values, tests);
        if (r.monetaryTopPercent() == null) {
            return base;
        }
        String rank = windows.computeIfAbsent(monetary, m -> "w" + windows.size());
        List<String> n2 = new ArrayList<>(names);
        n2.add("spend_rank_share");
        List<String> v2 = new ArrayList<>(values);
        v2.add(rank);
        List<Object> args = new ArrayList<>(base.testArgs());
        args.add(r.monetaryTopPercent() / 100.0);
        String test = "(" + base.testSql() + " AND " + monetary + " > 0 AND " + rank + " <= ?)";
        String description = (words.isEmpty() ? "" : String.join(", ", words) + ", ") + "in the top " + r.monetaryTopPercent()
                + "% of spenders" + r.period().words();
        return new Leaf(path, description, n2, v2, test, args);
    }

    private Leaf activity(SegmentNode.Activity act, String path) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Comparison> tests = new ArrayList<>();
        List<String> words = new ArrayList<>();
        if (act.events() != null) {
            List<Object> a = new ArrayList<>();
            String period = act.period().sql(zone, asOf, a);
            names.add("events");
            values.add(aggregate("count(*) FILTER (WHERE type = 'track' AND " + period + ")", a));
            tests.add(act.events());
            words.add("tracked events " + act.events() + act.period().words());
        }
        if (act.activeDays() != null) {
            List<Object> dayArgs = new ArrayList<>();
            String day = localDay(dayArgs);
            List<Object> a = new ArrayList<>();
            String period = act.period().sql(zone, asOf, a);
            names.add("active_days");
            values.add(side("count(DISTINCT " + day + ")", dayArgs, "type = 'track' AND " + period, a));
            tests.add(act.activeDays());
            words.add("active on " + act.activeDays() + " days" + act.period().words());
        }
        if (act.firstSeenDaysAgo() != null) {
            names.add("first_seen_days_ago");
            List<Object> da = new ArrayList<>();
            values.add(aggregate(daysAgo("min(ts) FILTER (WHERE type = 'track')", List.of(), da), da));
            tests.add(act.firstSeenDaysAgo());
            words.add("first seen " + act.firstSeenDaysAgo() + " days ago");
        }
        if (act.lastSeenDaysAgo() != null) {
            names.add("last_seen_days_ago");
            List<Object> da = new ArrayList<>();
            values.add(aggregate(daysAgo("max(ts) FILTER (WHERE type = 'track')", List.of(), da), da));
            tests.add(act.lastSeenDaysAgo());
            words.add("last seen " + act.lastSeenDaysAgo() + " days ago");
        }
        return test(path, String.join(", ", words), names, values, tests);
    }

    private Leaf referrals(SegmentNode.Referrals r, String path) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Comparison> tests = new ArrayList<>();
        List<String> words = new ArrayList<>();
        if (r.shares() != null) {
            List<Object> a = new ArrayList<>();
            String period = r.period().sql(zone, asOf, a);
            names.add("shares");
            values.add(aggregate("count(*) FILTER (WHERE event = 'share' AND " + period + ")", a));
            tests.add(r.shares());
            words.add("shared " + r.shares() + " times");
        }
        if (r.invites() != null) {
            List<Object> a = new ArrayList<>();
            String period = r.period().sql(zone, asOf, a);
            names.add("invites");
            values.add(aggregate("count(*) FILTER (WHERE event = 'invite_sent' AND " + period + ")", a));
            tests.add(r.invites());
            words.add("sent " + r.invites() + " invites");
        }
        if (r.invitedBuyers() != null) {
            invites = true;
            names.add("invited_buyers");
            values.add("invited_buyers");
            tests.add(r.invitedBuyers());
            words.add("invited " + r.invitedBuyers() + " persons who paid");
        }
        return test(path, String.join(", ", words) + r.period().words(), names, values, tests);
    }

    /** A person property: latest {@code profile_set}, else first {@code profile_set_once}, else the sum of increments. */
    private Leaf property(Filter f, String path) {
        String json = "json_extract_string(properties, ?)";
        String jsonPath = "$.\"" + f.property().name() + "\"";
        String v = aggregate("coalesce(arg_max(" + json + ", ts) FILTER (WHERE type = 'profile_set' AND " + json + " IS NOT NULL), "
                + "arg_min(" + json + ", ts) FILTER (WHERE type = 'profile_set_once' AND " + json + " IS NOT NULL), "
                + "CAST(sum(TRY_CAST(" + json + " AS DOUBLE)) FILTER (WHERE type = 'profile_increment') AS VARCHAR))",
                List.of(jsonPath, jsonPath, jsonPath, jsonPath, jsonPath));
        List<Object> args = new ArrayList<>();
        String test = switch (f.op()) {
            case IS_SET -> v + " IS NOT NULL";
            case IS_NOT_SET -> v + " IS NULL";
            case CONTAINS -> {
                args.add(String.valueOf(f.values().get(0)));
                yield "contains(" + v + ", ?)";
            }
            case EQ, NEQ, IN, NOT_IN -> {
                StringBuilder in = new StringBuilder();
                for (Object o : f.values()) {
                    in.append(in.length() == 0 ? "?" : ", ?");
                    args.add(String.valueOf(o));
                }
                yield f.op() == Filter.Op.NEQ || f.op() == Filter.Op.NOT_IN
                        ? "coalesce(" + v + " NOT IN (" + in + "), true)" : v + " IN (" + in + ")";
            }
            case BETWEEN -> {
                args.add(((Number) f.values().get(0)).doubleValue());
                args.add(((Number) f.values().get(1)).doubleValue());
                yield "TRY_CAST(" + v + " AS DOUBLE) BETWEEN ? AND ?";
            }
            default -> {
                args.add(((Number) f.values().get(0)).doubleValue());
                String cmp = switch (f.op()) {
                    case GT -> ">";
                    case GTE -> ">=";
                    case LT -> "<";
                    default -> "<=";
                };
                yield "TRY_CAST(" + v + " AS DOUBLE) " + cmp + " ?";
            }
        };
        String words = "person property " + f.property().name() + " " + f.op().name().toLowerCase(Locale.ROOT)
                + (f.values().isEmpty() ? "" : " " + (f.values().size() == 1 ? f.values().get(0) : f.values()));
        return new Leaf(path, words, List.of(f.property().name()), List.of(v), "coalesce(" + test + ", false)", List.copyOf(args));
    }

    /**
     * The shop-local day of {@code ts} as a number. Where the zone's offset has not changed since 2000
     * (Asia/Shanghai), plain arithmetic on the epoch: a time-zone conversion per row costs far more
     * than the rest of the scan.
     */
    private String localDay(List<Object> args) {
        java.time.zone.ZoneRules rules = zone.getRules();
        if (rules.nextTransition(java.time.Instant.parse("2000-01-01T00:00:00Z")) == null) {
            args.add((long) rules.getOffset(java.time.Instant.EPOCH.plusSeconds(946_684_800L)).getTotalSeconds());
            return "((epoch(ts) + ?) // 86400)";
        }
        args.add(zone.getId());
        return "CAST(timezone(?, ts) AS DATE)";
    }

    /**
     * Whole days from the shop-local day of {@code instant} (an aggregate over {@code ts}, binding
     * {@code instantArgs}) to the evaluation day, its parameters appended to {@code args}. Where the
     * zone's offset has not changed since 2000 (as for {@link #localDay}), arithmetic on the epoch:
     * a time-zone conversion per person costs more than the rest of a segment of a million persons.
     */
    private String daysAgo(String instant, List<Object> instantArgs, List<Object> args) {
        java.time.zone.ZoneRules rules = zone.getRules();
        if (rules.nextTransition(java.time.Instant.parse("2000-01-01T00:00:00Z")) == null) {
            args.add(asOf.toEpochDay());
            args.addAll(instantArgs);
            args.add(rules.getOffset(java.time.Instant.EPOCH.plusSeconds(946_684_800L)).getTotalSeconds() * 1_000_000L);
            return "(? - (epoch_us(" + instant + ") + ?) // 86400000000)";
        }
        args.add(zone.getId());
        args.addAll(instantArgs);
        args.add(asOf.toString());
        return "date_diff('day', CAST(timezone(?, " + instant + ") AS DATE), CAST(? AS DATE))";
    }

    /** All of the comparisons must hold; a person without a value (never bought: no recency) fails. */
    private static Leaf test(String path, String description, List<String> names, List<String> values, List<Comparison> tests) {
        List<Object> args = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            parts.add(tests.get(i).sql(values.get(i), args));
        }
        return new Leaf(path, description, List.copyOf(names), List.copyOf(values),
                parts.isEmpty() ? "true" : "coalesce(" + String.join(" AND ", parts) + ", false)", List.copyOf(args));
    }

    /** The alias of a per-person aggregate; the same aggregate asked twice is computed once. */
    private String aggregate(String sql, List<Object> args) {
        String key = sql + "\u0000" + args;
        String alias = aggregates.get(key);
        if (alias == null) {
            alias = "a" + aggregates.size();
            aggregates.put(key, alias);
            aggregateArgs.addAll(args);
        }
        return alias;
    }

    /**
     * The alias of a per-person number computed in a separate aggregation over only the rows matching
     * {@code where}; persons without such rows get 0. Its parameters: those of {@code value}, then of {@code where}.
     */
    private String side(String value, List<Object> valueArgs, String where, List<Object> whereArgs) {
        List<Object> args = new ArrayList<>(valueArgs);
        args.add(projectId);
        args.add(asOf.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        args.addAll(whereArgs);
        String key = "SELECT person_id, " + value + " AS v FROM resolved_events WHERE project_id = ? AND ts < ? AND " + where
                + " GROUP BY person_id\u0000" + args;
        String alias = sides.get(key);
        if (alias == null) {
            alias = "f" + sides.size();
            sides.put(key, alias);
            sideArgs.addAll(args);
        }
        return alias;
    }

    private String from() {
        StringBuilder sql = new StringBuilder("WITH ");
        if (invites) {
            // persons who accepted this person's invite code and paid, up to the evaluation day; codes are
            // deduplicated first, since a contributor sends the same code many times
            sql.append("inv_sent AS (SELECT DISTINCT person_id, json_extract_string(properties, '$.invite_code') AS code FROM resolved_events")
                    .append(" WHERE project_id = ? AND event = 'invite_sent' AND ts < ?), ")
                    .append("inv_accepted AS (SELECT DISTINCT person_id, json_extract_string(properties, '$.invite_code') AS code FROM resolved_events")
                    .append(" WHERE project_id = ? AND event = 'invite_accepted' AND ts < ?), ")
                    .append("inv AS (SELECT s.person_id, count(DISTINCT a.person_id) AS invited_buyers FROM inv_sent s")
                    .append(" JOIN inv_accepted a ON a.code = s.code")
                    .append(" WHERE a.person_id IN (SELECT person_id FROM resolved_events WHERE project_id = ? AND event = 'order_paid' AND ts < ?)")
                    .append(" GROUP BY s.person_id), ");
        }
        sides.forEach((key, alias) -> sql.append(alias).append("_t AS (").append(key, 0, key.indexOf('\u0000')).append("), "));
        sql.append("p AS (SELECT person_id");
        aggregates.forEach((key, alias) -> sql.append(", ").append(key, 0, key.indexOf('\u0000')).append(" AS ").append(alias));
        sql.append(" FROM resolved_events WHERE project_id = ? AND type <> 'item_set' AND ts < ? GROUP BY person_id)");
        sql.append(", src AS (SELECT p.*");
        windows.forEach((monetary, alias) -> sql.append(", CASE WHEN ").append(monetary).append(" > 0 THEN CAST(count(*) OVER (ORDER BY ")
                .append(monetary).append(" DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE) / sum(CASE WHEN ")
                .append(monetary).append(" > 0 THEN 1 ELSE 0 END) OVER () END AS ").append(alias));
        sides.values().forEach(alias -> sql.append(", coalesce(").append(alias).append("_t.v, 0) AS ").append(alias));
        sql.append(invites ? ", coalesce(inv.invited_buyers, 0) AS invited_buyers" : "").append(" FROM p");
        sides.values().forEach(alias -> sql.append(" LEFT JOIN ").append(alias).append("_t ON ").append(alias).append("_t.person_id = p.person_id"));
        sql.append(invites ? " LEFT JOIN inv ON inv.person_id = p.person_id)" : ")");
        return sql.toString();
    }

    private List<Object> fromArgs() {
        List<Object> args = new ArrayList<>();
        var end = asOf.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        if (invites) {
            args.addAll(List.of(projectId, end, projectId, end, projectId, end));
        }
        args.addAll(sideArgs);
        args.addAll(aggregateArgs);
        args.add(projectId);
        args.add(end);
        return args;
    }
}
