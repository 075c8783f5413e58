package com.dataeye.sdk.internals;

import com.dataeye.sdk.Event;
import com.dataeye.sdk.EventTooLargeException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * Writes an event as the collector's JSON, once, on the thread that queues it: the size limit is
 * then checked where the caller can still react, the JSON's size is what the buffer's memory cap
 * counts, and the sender only has to join bytes.
 */
public final class EventSerializer {

    /** The {@code lib} field: which SDK sent the event. */
    public static final String LIB = "dataeye-java";
    /** The {@code lib_version} field, this jar's version. */
    public static final String LIB_VERSION = readVersion();

    /**
     * Buffers are recycled per thread: Jackson's shared pool was the hottest spot when four threads
     * tracked at once. An object without properties would go out as {@code {}}; a mistake worth an
     * exception instead.
     */
    private final JsonMapper json = JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    /**
     * @throws EventTooLargeException   when the JSON is over {@link EventTooLargeException#MAX_EVENT_BYTES}
     * @throws IllegalArgumentException when a property value cannot be written as JSON
     */
    public byte[] toJson(Event e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * e.properties().size());
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("type", e.type().wire());
            writeIfPresent(g, "event", e.name());
            g.writeStringProperty("event_id", e.eventId());
            writeIfPresent(g, "distinct_id", e.distinctId());
            writeIfPresent(g, "anonymous_id", e.anonymousId());
            writeIfPresent(g, "login_id", e.loginId());
            writeIfPresent(g, "item_id", e.itemId());
            if (e.timestamp() != null) {
                // epoch milliseconds: the collector takes them as well as ISO-8601, at a tenth of the cost to write
                g.writeNumberProperty("timestamp", e.timestamp().toEpochMilli());
            }
            g.writeStringProperty("lib", LIB);
            g.writeStringProperty("lib_version", LIB_VERSION);
            if (!e.properties().isEmpty()) {
                g.writeName("properties");
                g.writeStartObject();
                for (Map.Entry<String, Object> p : e.properties().entrySet()) {
                    g.writeName(p.getKey());
                    writeValue(g, p.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (JacksonException ex) {
            throw new IllegalArgumentException("event '" + label(e) + "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
        if (out.size() > EventTooLargeException.MAX_EVENT_BYTES) {
            throw new EventTooLargeException(e, out.size());
        }
        return out.toByteArray();
    }

    /** The usual property values directly (this is the hot path of {@code track}); the rest through Jackson's databind. */
    private static void writeValue(JsonGenerator g, Object v) {
        if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v == null) {
            g.writeNull();
        } else {
            g.writePOJO(v);
        }
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    /** The event's name, or its type for events without one. */
    private static String label(Event e) {
        return e.name() != null ? e.name() : e.type().wire();
    }

    private static String readVersion() {
        try (InputStream in = EventSerializer.class.getResourceAsStream("/dataeye-sdk.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
