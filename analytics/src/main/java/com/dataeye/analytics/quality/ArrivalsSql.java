package com.dataeye.analytics.quality;

/**
 * The SQL every governance query starts from: what arrived for a project in a period, stored events
 * and quarantined ones (not yet replayed) side by side, each with its properties as JSON. Properties
 * the store moved to columns (amount, product_id, order_id) are put back under their names, so the
 * plan sees what was sent.
 */
final class ArrivalsSql {

    private ArrivalsSql() {}

    /** A CTE {@code arrivals(event, ts, p, q, lib, lib_version)}; parameters: project, from, to, project, from, to. */
    static final String ARRIVALS = """
            arrivals AS (
              SELECT event, ts, properties::JSON AS p, amount, product_id, order_id, false AS q, lib, lib_version
              FROM events WHERE project_id = ? AND ts >= ? AND ts < ?
              UNION ALL
              SELECT json_extract_string(raw, '$.event'), received_at, json_extract(raw, '$.properties'), NULL, NULL, NULL, true,
                     NULL, NULL
              FROM quarantine qu
              WHERE project_id = ? AND received_at >= ? AND received_at < ? AND json_valid(raw)
                AND json_extract_string(raw, '$.event') IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM quarantine_replayed r WHERE r.project_id = qu.project_id
                                AND r.received_at = qu.received_at AND r.raw_hash = md5(qu.raw)))""";

    /**
     * A CTE {@code props(event, ts, q, k, t, v)}: one row per property of each arrival, with its plan type
     * name ({@code string}, {@code number}, {@code boolean}, {@code list}, {@code object}) and its value as text.
     * Keys are addressed as JSON pointers, so any key name is safe.
     */
    static final String PROPS = """
            kv AS (
              SELECT event, ts, q, p, unnest(json_keys(p)) AS k FROM arrivals WHERE p IS NOT NULL AND json_type(p) = 'OBJECT'),
            props AS (
              SELECT event, ts, q, k,
                     CASE json_type(p, '/' || replace(replace(k, '~', '~0'), '/', '~1'))
                       WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'boolean' WHEN 'ARRAY' THEN 'list'
                       WHEN 'OBJECT' THEN 'object' WHEN 'NULL' THEN 'null' ELSE 'number' END AS t,
                     json_extract_string(p, '/' || replace(replace(k, '~', '~0'), '/', '~1')) AS v
              FROM kv
              UNION ALL SELECT event, ts, q, 'amount', 'number', CAST(amount AS VARCHAR) FROM arrivals WHERE amount IS NOT NULL
              UNION ALL SELECT event, ts, q, 'product_id', 'string', product_id FROM arrivals WHERE product_id IS NOT NULL
              UNION ALL SELECT event, ts, q, 'order_id', 'string', order_id FROM arrivals WHERE order_id IS NOT NULL)""";
}
