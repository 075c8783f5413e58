package com.dataeye.server.analysis;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQL injection through every string field of every query type: each field in turn carries each
 * payload. A name (property, breakdown) must be refused with 400 naming that field; a value or event
 * name must be taken as data (200, matching nothing); nothing may fail with 500, and afterwards the
 * store still holds and counts what it held before.
 */
class AnalysisInjectionIT extends InProcessServer {

    private static final List<String> PAYLOADS = List.of(
            "x'; DROP TABLE events; --",
            "' OR '1'='1",
            "x\") OR 1=1 --",
            "$.\"a\" ' || (SELECT count(*) FROM identities) || '",
            "1; CHECKPOINT; SELECT 1",
            "x' UNION SELECT event_id FROM events --");

    /** Each query with one string field as {@code @}; the value field's JSON quotes are part of the template. */
    private static final List<String[]> FIELDS = List.of(
            // analysis, field name (for the report), template
            new String[] {"trend", "event", "{\"event\":\"@\",%R}"},
            new String[] {"trend", "measure.property", "{\"event\":\"E\",\"measure\":{\"type\":\"sum\",\"property\":\"@\"},%R}"},
            new String[] {"trend", "breakdown.property", "{\"event\":\"E\",\"breakdown\":{\"property\":\"@\"},%R}"},
            new String[] {"trend", "filters[0].property", "{\"event\":\"E\",\"filters\":[{\"property\":\"@\",\"op\":\"eq\",\"value\":\"v\"}],%R}"},
            new String[] {"trend", "filters[0].value", "{\"event\":\"E\",\"filters\":[{\"property\":\"channel\",\"op\":\"eq\",\"value\":\"@\"}],%R}"},
            new String[] {"trend", "filters[0].value", "{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"in\",\"value\":[\"a\",\"@\"]}],%R}"},
            new String[] {"trend", "filters[0].value", "{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"contains\",\"value\":\"@\"}],%R}"},
            new String[] {"trend", "filters[0].op", "{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"@\",\"value\":\"v\"}],%R}"},
            new String[] {"trend", "filters[0].on", "{\"event\":\"E\",\"filters\":[{\"on\":\"@\",\"property\":\"p\",\"op\":\"eq\",\"value\":\"v\"}],%R}"},
            new String[] {"trend", "filters[0].property", "{\"event\":\"E\",\"filters\":[{\"on\":\"person\",\"property\":\"@\",\"op\":\"eq\",\"value\":\"v\"}],%R}"},
            new String[] {"trend", "filters[0].value", "{\"event\":\"E\",\"filters\":[{\"on\":\"person\",\"property\":\"plan\",\"op\":\"eq\",\"value\":\"@\"}],%R}"},
            new String[] {"trend", "interval", "{\"event\":\"E\",\"interval\":\"@\",%R}"},
            new String[] {"trend", "compare", "{\"event\":\"E\",\"compare\":\"@\",%R}"},
            new String[] {"trend", "from", "{\"event\":\"E\",\"from\":\"@\",\"to\":\"2026-11-20\"}"},
            new String[] {"funnel", "steps[0].event", "{\"steps\":[{\"event\":\"@\"},{\"event\":\"E\"}],%R}"},
            new String[] {"funnel", "steps[1].event", "{\"steps\":[{\"event\":\"E\"},{\"event\":\"@\"}],%R}"},
            new String[] {"funnel", "steps[1].filters[0].property", "{\"steps\":[{\"event\":\"E\"},{\"event\":\"E\",\"filters\":[{\"property\":\"@\",\"op\":\"is_set\"}]}],%R}"},
            new String[] {"funnel", "steps[1].filters[0].value", "{\"steps\":[{\"event\":\"E\"},{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"neq\",\"value\":\"@\"}]}],%R}"},
            new String[] {"funnel", "breakdown.property", "{\"steps\":[{\"event\":\"E\"},{\"event\":\"E\"}],\"breakdown\":{\"property\":\"@\"},%R}"},
            new String[] {"funnel", "window", "{\"steps\":[{\"event\":\"E\"},{\"event\":\"E\"}],\"window\":\"@\",%R}"},
            new String[] {"funnel/dropped?step=2", "steps[0].event", "{\"steps\":[{\"event\":\"@\"},{\"event\":\"E\"}],%R}"},
            new String[] {"retention", "initial.event", "{\"initial\":{\"event\":\"@\"},\"return\":{\"event\":\"E\"},%R}"},
            new String[] {"retention", "return.event", "{\"initial\":{\"event\":\"E\"},\"return\":{\"event\":\"@\"},%R}"},
            new String[] {"retention", "initial.filters[0].property", "{\"initial\":{\"event\":\"E\",\"filters\":[{\"property\":\"@\",\"op\":\"is_set\"}]},\"return\":{\"event\":\"E\"},%R}"},
            new String[] {"retention", "return.filters[0].value", "{\"initial\":{\"event\":\"E\"},\"return\":{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"eq\",\"value\":\"@\"}]},%R}"},
            new String[] {"retention", "measure", "{\"initial\":{\"event\":\"E\"},\"return\":{\"event\":\"E\"},\"measure\":\"@\",%R}"},
            new String[] {"retention", "interval", "{\"initial\":{\"event\":\"E\"},\"return\":{\"event\":\"E\"},\"interval\":\"@\",%R}"},
            new String[] {"paths", "start.event", "{\"start\":{\"event\":\"@\"},%R}"},
            new String[] {"paths", "start.filters[0].property", "{\"start\":{\"event\":\"E\",\"filters\":[{\"property\":\"@\",\"op\":\"is_set\"}]},%R}"},
            new String[] {"paths", "start.filters[0].value", "{\"start\":{\"event\":\"E\",\"filters\":[{\"property\":\"p\",\"op\":\"in\",\"value\":[\"@\"]}]},%R}"},
            new String[] {"paths", "events[0]", "{\"start\":{\"event\":\"E\"},\"events\":[\"@\"],%R}"},
            new String[] {"paths", "direction", "{\"start\":{\"event\":\"E\"},\"direction\":\"@\",%R}"});

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private Api.Response query(String analysis, String json) {
        return api().post("/api/v1/projects/demo/query/" + analysis, json.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + api().secretKey);
    }

    @Test
    void noStringFieldOfAnyQueryReachesTheSql() {
        String event = "inj_" + UUID.randomUUID().toString().substring(0, 8);
        api().postEvents("[{\"event\":\"" + event + "\",\"anonymous_id\":\"i1\",\"timestamp\":\"2026-11-20T10:00:00+08:00\","
                + "\"properties\":{\"p\":\"v\"}}]");
        String range = "\"from\":\"2026-11-20\",\"to\":\"2026-11-20\"";
        String count = "{\"event\":\"" + event + "\"," + range + "}";
        assertThat(query("trend", count).body().path("series").path(0).path("total").asDouble()).isEqualTo(1.0);

        List<String> problems = new ArrayList<>();
        for (String[] f : FIELDS) {
            for (String payload : PAYLOADS) {
                String json = f[2].replace("%R", range).replace("\"E\"", "\"" + event + "\"").replace("@", quoted(payload));
                Api.Response r = query(f[0], json);
                String where = f[0] + " " + f[1] + " <- " + payload + ": ";
                if (r.status() == 400) {
                    String field = r.body().path("error").path("field").asString();
                    if (!field.equals(f[1].replaceAll("\\?.*", "")) && !(f[1].equals("from") && field.equals(".from"))) {
                        problems.add(where + "400 names '" + field + "'");
                    }
                } else if (r.status() == 200) {
                    // taken as data: an injected event name or value matches nothing, and never everything
                    if (f[1].endsWith("event") && f[0].equals("trend") && r.body().path("series").path(0).path("total").asDouble() != 0) {
                        problems.add(where + "matched events");
                    }
                } else {
                    problems.add(where + r.status());
                }
            }
        }
        assertThat(problems).isEmpty();
        // nothing was dropped, written or read around the parameters: the store still counts the event once
        assertThat(query("trend", count).body().path("series").path(0).path("total").asDouble()).isEqualTo(1.0);
    }
}
