package com.dataeye.sdk.internals;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * What the collector said about a batch (docs/api/collector.md): the events it refused, each with
 * its index in the batch, and for a request-level refusal the code and message. Read leniently: a
 * proxy's HTML error page yields an answer with neither.
 */
public record CollectorAnswer(List<EventError> errors, String code, String message) {

    /** One refused event. */
    public record EventError(int index, String eventId, String code, String field, String message) {}

    private static final CollectorAnswer NOTHING = new CollectorAnswer(List.of(), null, null);

    public static CollectorAnswer read(JsonMapper json, byte[] body) {
        if (body.length == 0) {
            return NOTHING;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException notJson) {
            return NOTHING;
        }
        if (root == null || !root.isObject()) {
            return NOTHING;
        }
        List<EventError> errors = new ArrayList<>();
        for (JsonNode e : root.path("errors")) {
            errors.add(new EventError(e.path("index").asInt(-1), text(e, "event_id"), text(e, "code"), text(e, "field"),
                    text(e, "message")));
        }
        JsonNode error = root.path("error");
        return new CollectorAnswer(errors, text(error, "code"), text(error, "message"));
    }

    /** "code: message" of a request-level refusal, or empty. */
    public String describe() {
        return code == null ? "" : code + (message == null ? "" : ": " + message);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
