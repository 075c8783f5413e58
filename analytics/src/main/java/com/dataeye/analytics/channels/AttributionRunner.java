package com.dataeye.analytics.channels;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.core.enrich.AcquisitionContext;
import com.dataeye.core.enrich.Channel;
import com.dataeye.core.enrich.ChannelClassifier;

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
    /** Each touch field and how it is read from an event: the referrer and page reduced to their hosts. */
    private static final String[][] TOUCH = {
            {"channel", "channel"}, {"utm_source", "utm_source"}, {"utm_medium", "utm_medium"}, {"utm_campaign", "utm_campaign"},
            {"ref_host", "regexp_extract(referrer, '^[^:]+://([^/?#:]+)', 1)"},
            {"page_host", "regexp_extract(url, '^[^:]+://([^/?#:]+)', 1)"},
            {"share", "CASE WHEN channel <> 'direct' THEN json_extract_string(properties, '$.share_source') END"},
            {"invite", "CASE WHEN channel <> 'direct' THEN json_extract_string(properties, '$.invite_code') IS NOT NULL END"}};
    private static final String TOUCH_FIELDS = touchFields(" AS ", false);
    private static final String TOUCH_STRUCT = touchFields(" := ", true);

    private static String touchFields(String as, boolean nameFirst) {
        StringBuilder out = new StringBuilder();
        for (String[] f : TOUCH) {
            out.append(out.length() == 0 ? "" : ", ").append(nameFirst ? f[0] + as + f[1] : f[1] + as + f[0]);
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
        StringBuilder sql = new StringBuilder("WITH firsts AS (SELECT person_id, min(ts) AS first_ts, arg_min(struct_pack(")
                .append(TOUCH_STRUCT).append("), epoch_us(ts) * 2 + CASE WHEN channel = 'direct' THEN 1 ELSE 0 END) AS t ")
                .append("FROM resolved_events WHERE project_id = ? AND type = 'track' GROUP BY person_id), ");
        args.add(projectId);
        sql.append("refunds AS (SELECT order_id, sum(amount) AS refunded FROM resolved_events WHERE project_id = ? ")
                .append("AND event = 'order_refunded' AND order_id IS NOT NULL GROUP BY order_id), ");
        args.add(projectId);
        sql.append("orders AS (SELECT row_number() OVER () AS oid, o.person_id, o.ts, coalesce(o.amount, 0) - coalesce(r.refunded, 0) AS net ")
                .append("FROM resolved_events o LEFT JOIN refunds r USING (order_id) WHERE o.project_id = ? AND o.event = 'order_paid' ")
                .append("AND o.ts >= ? AND o.ts < ?), ");
        args.add(projectId);
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));
        sql.append("touches AS (SELECT person_id, ts, ").append(TOUCH_FIELDS)
                .append(" FROM resolved_events WHERE project_id = ? AND type = 'track' AND channel <> 'direct' AND ts < ?), ");
        args.add(projectId);
        args.add(q.range().end(zone));
        // credit: one row per (order, touch fields) with the order's weight
        String credit = switch (q.model()) {
            case FIRST_TOUCH -> "credit AS (SELECT o.oid, o.net, 1.0 AS w, " + structFields("f.t") + " FROM orders o JOIN firsts f USING (person_id))";
            case LAST_TOUCH -> "last AS (SELECT o.oid, o.net, o.ts AS ots, t.* EXCLUDE (person_id) FROM orders o ASOF LEFT JOIN touches t "
                    + "ON o.person_id = t.person_id AND o.ts >= t.ts), "
                    + "credit AS (SELECT oid, net, 1.0 AS w, " + inWindow("ts", "ots", q) + " FROM last)";
            case LINEAR -> "hits AS (SELECT DISTINCT o.oid, t.channel, t.utm_source, t.utm_medium, t.utm_campaign, t.ref_host, t.page_host, t.share, t.invite "
                    + "FROM orders o JOIN touches t ON t.person_id = o.person_id AND t.ts <= o.ts AND t.ts >= o.ts - INTERVAL (" + q.lookbackDays() + ") DAY), "
                    + "credit AS (SELECT o.oid, o.net, 1.0 / count(*) OVER (PARTITION BY o.oid) AS w, h.* EXCLUDE (oid) "
                    + "FROM orders o JOIN hits h USING (oid) UNION ALL SELECT o.oid, o.net, 1.0, 'direct', NULL, NULL, NULL, NULL, NULL, NULL, NULL "
                    + "FROM orders o WHERE oid NOT IN (SELECT oid FROM hits))";
        };
        // two groupings stacked; rows with equal fields are merged below (NULL fields would not join)
        sql.append(credit).append(" SELECT ").append(structFields("f.t")).append(", count(*), 0, 0 FROM firsts f ")
                .append("WHERE first_ts >= ? AND first_ts < ? GROUP BY ALL ")
                .append("UNION ALL SELECT ").append(FIELDS).append(", 0, sum(w), sum(w * net) FROM credit GROUP BY ALL");
        args.add(q.range().start(zone));
        args.add(q.range().end(zone));

        Map<String, double[]> merged = new LinkedHashMap<>();
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
            double[] v = merged.computeIfAbsent(key, k -> new double[3]);
            v[0] += rs.getLong(9);
            v[1] += rs.getDouble(10);
            v[2] += rs.getDouble(11);
        });
        double persons = 0;
        double orders = 0;
        double revenue = 0;
        for (double[] v : merged.values()) {
            persons += v[0];
            orders += v[1];
            revenue += v[2];
        }
        List<AttributionResult.Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : merged.entrySet()) {
            String[] l = labels.get(e.getKey());
            double[] v = e.getValue();
            rows.add(new AttributionResult.Row(l[0], l[1], l[2], (long) v[0], round(v[1], 4), round(v[2], 2),
                    revenue == 0 ? null : round(v[2] / revenue, 4)));
        }
        rows.sort((a, b) -> a.revenue() != b.revenue() ? Double.compare(b.revenue(), a.revenue()) : Long.compare(b.persons(), a.persons()));
        return new AttributionResult(q.model().name().toLowerCase(Locale.ROOT), q.by().name().toLowerCase(Locale.ROOT), q.lookbackDays(),
                rows, new AttributionResult.Row(null, null, null, (long) persons, round(orders, 4), round(revenue, 2), revenue == 0 ? null : 1.0));
    }

    private static String structFields(String struct) {
        StringBuilder out = new StringBuilder();
        for (String f : FIELDS.split(", ")) {
            out.append(out.length() == 0 ? "" : ", ").append(struct).append('.').append(f).append(" AS ").append(f);
        }
        return out.toString();
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

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
