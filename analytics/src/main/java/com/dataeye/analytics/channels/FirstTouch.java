package com.dataeye.analytics.channels;

/**
 * The acquisition of every person of a project as a CTE {@code firsts(person_id, channel, first_ts)}:
 * the channel of the person's first {@code track} event (a non-direct event wins a tie). Shared by
 * LTV and NPS so both mean the same by "channel".
 *
 * <p>One aggregation per person over the track events: the store writes each event's resolved person
 * when it loads the event or a later identity link (store/Schema.java, version 2), so no identity join
 * is needed. (Before that, the events were reduced per device and then joined with the links; grouping
 * the stored person directly is about a third cheaper and gives the same rows.)
 */
public final class FirstTouch {

    private static final String KEY = "epoch_us(ts) * 2 + CASE WHEN channel = 'direct' THEN 1 ELSE 0 END";

    private FirstTouch() {}

    /** The CTE; binds the project id once. */
    public static String cte() {
        return "firsts AS (SELECT person_id, arg_min(channel, " + KEY + ") AS channel, min(ts) AS first_ts "
                + "FROM resolved_events WHERE project_id = ? AND type = 'track' GROUP BY person_id)";
    }
}
