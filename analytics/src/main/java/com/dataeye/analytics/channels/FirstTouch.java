package com.dataeye.analytics.channels;

/**
 * The acquisition of every person of a project as a CTE {@code firsts(person_id, channel, first_ts)}:
 * the channel of the person's first {@code track} event (a non-direct event wins a tie). Shared by
 * LTV and NPS so both mean the same by "channel".
 *
 * <p>Equal to grouping {@code resolved_events} by person, but it first reduces the events to one row
 * per device id and only then resolves identities ({@code resolved_events} is {@code events} with
 * {@code coalesce(identity, person_id)}): the identity join then runs over devices, not events, which
 * is the larger part of the cost on big stores.
 */
public final class FirstTouch {

    private static final String KEY = "epoch_us(ts) * 2 + CASE WHEN channel = 'direct' THEN 1 ELSE 0 END";

    private FirstTouch() {}

    /** The CTE; binds the project id twice. */
    public static String cte() {
        return "firsts AS (SELECT coalesce(i.person_id, f.person_id) AS person_id, arg_min(f.channel, f.k) AS channel, "
                + "min(f.first_ts) AS first_ts FROM (SELECT distinct_id, arg_min(person_id, ts) AS person_id, arg_min(channel, " + KEY
                + ") AS channel, min(" + KEY + ") AS k, min(ts) AS first_ts FROM events WHERE project_id = ? AND type = 'track' "
                + "GROUP BY distinct_id) f LEFT JOIN identities i ON i.project_id = ? AND i.distinct_id = f.distinct_id GROUP BY 1)";
    }
}
