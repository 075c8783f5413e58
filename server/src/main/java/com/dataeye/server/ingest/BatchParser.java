package com.dataeye.server.ingest;

import com.dataeye.core.ingest.RawEvent;
import com.dataeye.core.ingest.RejectionCode;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the three body shapes of {@code POST /api/v1/events} in one streaming pass — a single event
 * object, a JSON array of events, or {@code {"batch": [...], "write_key": …, "sent_at": …}} — and
 * notes where each event's bytes lie, so each can be sized and quarantined on its own.
 */
final class BatchParser {

    /** The events, plus the batch-level fields (write_key, sent_at) when the wrapper form was used. */
    record Parsed(List<RawEvent> events, Map<String, Object> envelope, boolean single) {}

    private final JsonMapper json;

    BatchParser(JsonMapper json) {
        this.json = json;
    }

    /**
     * Parses at full speed first; Jackson refuses bytes that are not UTF-8, and only then is the body
     * scanned, its bad bytes replaced, and parsed again so that just the events holding them are refused.
     */
    Parsed parse(byte[] body) {
        try {
            return parse(new Utf8Check.Result(body, new java.util.BitSet(0)));
        } catch (NotUtf8 e) {
            return parse(Utf8Check.check(body));
        }
    }

    /** Jackson's complaint about a byte that is not UTF-8. */
    private static final class NotUtf8 extends RuntimeException {
        NotUtf8() {
            super(null, null, false, false);
        }
    }

    private Parsed parse(Utf8Check.Result body) {
        byte[] bytes = body.body();
        try (JsonParser p = json.createParser(bytes)) {
            JsonToken first = p.nextToken();
            Parsed parsed;
            if (first == JsonToken.START_ARRAY) {
                parsed = new Parsed(elements(p, body), Map.of(), false);
            } else if (first == JsonToken.START_OBJECT) {
                parsed = object(p, body);
            } else {
                throw new RequestError(RejectionCode.MALFORMED_JSON,
                        "the body must be a JSON object (one event or {\"batch\": [...]}) or an array of events");
            }
            if (p.nextToken() != null) {
                throw new RequestError(RejectionCode.MALFORMED_JSON, "unexpected content after the JSON value at "
                        + where(p.currentTokenLocation()));
            }
            return parsed;
        } catch (JacksonException e) {
            if (body.invalid().isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().contains("UTF-8")) {
                throw new NotUtf8();
            }
            TokenStreamLocation loc = e.getLocation();
            throw new RequestError(RejectionCode.MALFORMED_JSON, "malformed JSON"
                    + (loc != null ? " at " + where(loc) : "") + ": " + e.getOriginalMessage());
        }
    }

    private Parsed object(JsonParser p, Utf8Check.Result body) {
        Map<String, Object> top = new LinkedHashMap<>();
        List<RawEvent> batch = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("batch") && value == JsonToken.START_ARRAY) {
                batch = elements(p, body);
            } else {
                top.put(name, p.readValueAs(Object.class));
            }
        }
        if (batch != null) {
            return new Parsed(batch, top, false);
        }
        byte[] bytes = body.body();
        RawEvent single = new RawEvent(0, top, bytes, 0, bytes.length, body.anyInvalidIn(0, bytes.length));
        return new Parsed(List.of(single), top, true);
    }

    private List<RawEvent> elements(JsonParser p, Utf8Check.Result body) {
        List<RawEvent> events = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new RequestError(RejectionCode.MALFORMED_JSON, "the batch array is not closed");
            }
            int start = (int) p.currentTokenLocation().getByteOffset();
            Object value = p.readValueAs(Object.class);
            int end = (int) p.currentLocation().getByteOffset();
            events.add(new RawEvent(events.size(), value, body.body(), start, end, body.anyInvalidIn(start, end)));
        }
        return events;
    }

    private static String where(TokenStreamLocation loc) {
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
