package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.enrich.AcquisitionContext;
import com.dataeye.core.enrich.Channel;
import com.dataeye.core.enrich.ChannelClassifier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes an {@link AttributionQuery}. The statement credits each order (paid in the range, net of
 * its refunds) to touches, and returns the credit grouped by the touch's raw acquisition fields;
 * here each distinct set of fields is classified by the same {@link ChannelClassifier} as ingestion
 * to name its source, and rows are merged by the requested dimension. A touch is an event whose
 * enrichment gave a channel other than direct (a landing with UTM tags, an external referrer, a share
 * or an invite); the channel stored with it is kept as is.
 */
public final class AttributionRunner {

    private static final String FIELDS = "channel, utm_source, utm_medium, utm_campaign, ref_host, page_host, share, invite";
    /** Digits kept of each fractional share: sums of them are exact, so rows add up the same in any order. */
    private static final int SCALE = 20;
    /**
     * The raw columns the touch fields are read from, for a grouping: the labels by channel read only
     * the channel, by campaign also utm_campaign; only by source needs the referrer, page and properties
     * (the classifier's inputs), the widest columns of the store and the larger part of the cost.
     */
    private static String raw(AttributionQuery.By by) {
        return switch (by) {
            case CHANNEL -> "channel";
            case CAMPAIGN -> "channel, utm_campaign";
            case SOURCE -> "channel, utm_source, utm_medium, utm_campaign, referrer, url, properties";
        };
    }

    /** Each touch field and how it is read from the raw columns: the referrer and page reduced to their hosts; NULL where {@code by} reads none. */
    private static String touchFields(AttributionQuery.By by) {
        if (by != AttributionQuery.By.SOURCE) {
            return "channel, NULL AS utm_source, NULL AS utm_medium, " + (by == AttributionQuery.By.CAMPAIGN ? "utm_campaign" : "NULL AS utm_campaign")
                    + ", NULL AS ref_host, NULL AS page_host, NULL AS share, NULL::BOOLEAN AS invite";
        }
        return "channel, utm_source, utm_medium, utm_campaign, "
                + "regexp_extract(referrer, '^[^:]+://([^/?#:]+)', 1) AS ref_host, "
                + "regexp_extract(url, '^[^:]+://([^/?#:]+)', 1) AS page_host, "
                + "CASE WHEN channel <> 'direct' THEN json_extract_string(properties, '$.share_source') END AS share, "
                + "CASE WHEN channel <> 'direct' THEN json_extract_string(properties, '$.invite_code') IS NOT NULL END AS invite";
    }

    private static String prefixed(String p) {
        StringBuilder out = new StringBuilder();
        for (String f : FIELDS.split(", ")) {
            out.append(out.length() == 0 ? "" : ", ").append(p).append(f).append(" AS ").append(f);
        }
        return out.toString();
    }

    private final QueryExecutor executor;
    private final ChannelClassifier classifier = new ChannelClassifier();

    public AttributionRunner(QueryExecutor executor) {
        this.executor = executor;
    }

    public AttributionResult run(String projectId, ZoneId zone, AttributionQuery q) {
        List<Object> args = new ArrayList<>();
        var start = q.range().start(zone);
        var end = q.range().end(zone);
        String lookback = "INTERVAL (" + q.lookbackDays() + ") DAY";
        // Each person's first track event as a row id (the earliest; a non-direct one wins a tie): only
        // integers travel through the aggregation over all events.
        StringBuilder sql = new StringBuilder("WITH firsts_r AS MATERIALIZED (SELECT person_id, min(ts) AS first_ts, ")
                .append("arg_min(rowid, epoch_us(ts) * 2 + CASE WHEN channel = 'direct' THEN 1 ELSE 0 END) AS r ")
                .append("FROM events WHERE project_id = ? AND type = 'track' GROUP BY person_id), ");
        args.add(projectId);
        sql.append("refunds AS (SELECT order_id, sum(amount) AS refunded FROM resolved_events WHERE project_id = ? ")
                .append("AND event = 'order_refunded' AND order_id IS NOT NULL GROUP BY order_id), ");
        args.add(projectId);
        sql.append("orders AS MATERIALIZED (SELECT row_number() OVER () AS oid, o.person_id, o.ts, coalesce(o.amount, 0) - coalesce(r.refunded, 0) AS net ")
                .append("FROM resolved_events o LEFT JOIN refunds r USING (order_id) WHERE o.project_id = ? AND o.event = 'order_paid' ")
                .append("AND o.ts >= ? AND o.ts < ?), ");
        args.add(projectId);
        args.add(start);
        args.add(end);
        String touchRows = "";
        if (q.model() != AttributionQuery.Model.FIRST_TOUCH) {
            // the touches that can lie within the lookback of an order in the range, of buyers only, as row ids
            sql.append("touches AS MATERIALIZED (SELECT person_id, ts, rowid AS r FROM events WHERE project_id = ? AND type = 'track' ")
                    .append("AND channel <> 'direct' AND ts < ? AND ts >= CAST(? AS TIMESTAMPTZ) - ").append(lookback)
                    .append(" AND person_id IN (SELECT person_id FROM orders)), ");
            args.add(projectId);
            args.add(end);
            args.add(start);
            if (q.model() == AttributionQuery.Model.LAST_TOUCH) {
                sql.append("last AS MATERIALIZED (SELECT o.oid, o.net, o.ts AS ots, t.ts, t.r FROM orders o ASOF LEFT JOIN touches t ")
                        .append("ON o.person_id = t.person_id AND o.ts >= t.ts), ");
                touchRows = " UNION ALL SELECT r FROM last WHERE r IS NOT NULL";
            } else {
                sql.append("hit_rows AS MATERIALIZED (SELECT DISTINCT o.oid, t.r FROM orders o JOIN touches t ON t.person_id = o.person_id ")
                        .append("AND t.ts <= o.ts AND t.ts >= o.ts - ").append(lookback).append("), ");
                touchRows = " UNION ALL SELECT r FROM hit_rows";
            }
        }
        // The touch fields (regular expressions, JSON) of just the rows chosen above, read in one pass over
        // the non-direct events (a filter the scan applies itself), plus for labels that show a campaign the
        // rare direct first events with one; a direct first event otherwise has no field a label reads.
        // Linear counts an order's distinct touches over all their fields (two sources of one channel are
        // two shares), so it reads every field whatever the grouping.
        AttributionQuery.By read = q.model() == AttributionQuery.Model.LINEAR ? AttributionQuery.By.SOURCE : q.by();
        String raw = raw(read);
        sql.append("needed AS (SELECT r FROM firsts_r").append(touchRows).append("), ")
                .append("fields AS MATERIALIZED (SELECT r, ").append(touchFields(read)).append(" FROM (")
                .append("SELECT rowid AS r, ").append(raw).append(" FROM events WHERE project_id = ? AND type = 'track' AND channel <> 'direct'");
        args.add(projectId);
        if (read != AttributionQuery.By.CHANNEL) {
            sql.append(" UNION ALL SELECT rowid, ").append(raw).append(" FROM events WHERE project_id = ? AND type = 'track' AND channel IS NULL ")
                    .append("UNION ALL SELECT rowid, ").append(raw).append(" FROM events WHERE project_id = ? AND type = 'track' AND channel = 'direct' ")
                    .append("AND utm_campaign IS NOT NULL");
            args.add(projectId);
            args.add(projectId);
        }
        sql.append(") WHERE r IN (SELECT r FROM needed)), ")
                .append("firsts AS (SELECT f.person_id, f.first_ts, ").append(prefixed("x.")).append(" FROM firsts_r f LEFT JOIN fields x USING (r)), ");
        // credit: one row per (order, touch fields) with the order's number of shares k (each gets 1/k)
        String credit = switch (q.model()) {
            case FIRST_TOUCH -> "credit AS (SELECT o.oid, o.net, 1 AS k, " + prefixed("f.") + " FROM orders o JOIN firsts f USING (person_id))";
            case LAST_TOUCH -> "last_fields AS (SELECT l.oid, l.net, l.ots, l.ts, " + prefixed("x.") + " FROM last l LEFT JOIN fields x USING (r)), "
                    + "credit AS (SELECT oid, net, 1 AS k, " + inWindow("ts", "ots", q) + " FROM last_fields)";
            case LINEAR -> "hits AS MATERIALIZED (SELECT DISTINCT h.oid, " + prefixed("x.") + " FROM hit_rows h JOIN fields x USING (r)), "
                    + "credit AS (SELECT o.oid, o.net, count(*) OVER (PARTITION BY o.oid) AS k, h.* EXCLUDE (oid) "
                    + "FROM orders o JOIN hits h USING (oid) UNION ALL SELECT o.oid, o.net, 1, 'direct', NULL, NULL, NULL, NULL, NULL, NULL, NULL "
                    + "FROM orders o WHERE oid NOT IN (SELECT oid FROM hits))";
        };
        // two groupings stacked; rows with equal fields are merged below (NULL fields would not join). Credit
        // is summed exactly per number of shares and divided here, so fractional credit does not depend on
        // the order the database adds it up.
        sql.append(credit).append(" SELECT ").append(FIELDS).append(", count(*), 1 AS k, 0, 0 FROM firsts ")
                .append("WHERE first_ts >= ? AND first_ts < ? GROUP BY ALL ")
                .append("UNION ALL SELECT ").append(FIELDS).append(", 0, k, count(*), sum(net) FROM credit GROUP BY ALL");
        args.add(start);
        args.add(end);

        Map<String, Credit> merged = new LinkedHashMap<>();
        Map<String, String[]> labels = new LinkedHashMap<>();
        executor.query(sql.toString(), args, rs -> {
            String channel = rs.getString(1) == null ? Channel.DIRECT : rs.getString(1);
            String source = source(channel, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7), rs.getObject(8) != null && rs.getBoolean(8));
            String campaign = rs.getString(4) == null || rs.getString(4).isBlank() ? "(none)" : rs.getString(4);
            String[] label = switch (q.by()) {
                case CHANNEL -> new String[] {channel, null, null};
                case SOURCE -> new String[] {channel, source, null};
                case CAMPAIGN -> new String[] {channel, null, campaign};
            };
            String key = String.join("\u0000", label[0], String.valueOf(label[1]), String.valueOf(label[2]));
            labels.putIfAbsent(key, label);
            Credit v = merged.computeIfAbsent(key, k -> new Credit());
            v.persons += rs.getLong(9);
            BigDecimal shares = BigDecimal.valueOf(rs.getLong(10));
            BigDecimal net = rs.getBigDecimal(12);
            v.orders = v.orders.add(BigDecimal.valueOf(rs.getLong(11)).divide(shares, SCALE, RoundingMode.HALF_EVEN));
            v.revenue = v.revenue.add(net == null ? BigDecimal.ZERO : net.divide(shares, SCALE, RoundingMode.HALF_EVEN));
        });
        Credit total = new Credit();
        for (Credit v : merged.values()) {
            total.persons += v.persons;
            total.orders = total.orders.add(v.orders);
            total.revenue = total.revenue.add(v.revenue);
        }
        boolean none = total.revenue.signum() == 0;
        List<AttributionResult.Row> rows = new ArrayList<>();
        for (Map.Entry<String, Credit> e : merged.entrySet()) {
            String[] l = labels.get(e.getKey());
            Credit v = e.getValue();
            rows.add(new AttributionResult.Row(l[0], l[1], l[2], v.persons, round(v.orders, 4), round(v.revenue, 2),
                    none ? null : round(v.revenue.divide(total.revenue, SCALE, RoundingMode.HALF_EVEN), 4)));
        }
        rows.sort((x, y) -> x.revenue() != y.revenue() ? Double.compare(y.revenue(), x.revenue()) : Long.compare(y.persons(), x.persons()));
        return new AttributionResult(q.model().name().toLowerCase(Locale.ROOT), q.by().name().toLowerCase(Locale.ROOT), q.lookbackDays(),
                rows, new AttributionResult.Row(null, null, null, total.persons, round(total.orders, 4), round(total.revenue, 2), none ? null : 1.0));
    }

    /** Persons, orders and revenue credited to one row; exact sums of exact shares, so the order of rows does not matter. */
    private static final class Credit {
        long persons;
        BigDecimal orders = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
    }

    /** Half away from zero for positives and towards zero for negatives, as {@link Math#round} does. */
    private static double round(BigDecimal v, int digits) {
        return v.setScale(digits, v.signum() < 0 ? RoundingMode.HALF_DOWN : RoundingMode.HALF_UP).doubleValue();
    }

    /** The touch's fields when it lies within the lookback, else a direct touch. */
    private static String inWindow(String touchTs, String orderTs, AttributionQuery q) {
        String ok = touchTs + " IS NOT NULL AND " + touchTs + " >= " + orderTs + " - INTERVAL (" + q.lookbackDays() + ") DAY";
        StringBuilder out = new StringBuilder("CASE WHEN " + ok + " THEN channel ELSE 'direct' END AS channel");
        for (String f : List.of("utm_source", "utm_medium", "utm_campaign", "ref_host", "page_host", "share", "invite")) {
            out.append(", CASE WHEN ").append(ok).append(" THEN ").append(f).append(" END AS ").append(f);
        }
        return out.toString();
    }

    private String source(String channel, String utmSource, String utmMedium, String utmCampaign, String refHost, String pageHost,
                          String share, boolean invite) {
        if (Channel.DIRECT.equals(channel)) {
            return Channel.NO_SOURCE;
        }
        Channel c = classifier.classify(new AcquisitionContext(utmSource, utmMedium, utmCampaign,
                refHost == null || refHost.isEmpty() ? null : "https://" + refHost + "/", share, invite ? "invite" : null,
                pageHost == null || pageHost.isEmpty() ? null : "https://" + pageHost + "/"));
        return c.source();
    }
}
