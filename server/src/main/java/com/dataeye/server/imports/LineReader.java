package com.dataeye.server.imports;

import com.dataeye.core.ingest.RawEvent;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one line of a native NDJSON import as the collector's wire value. A line without an
 * {@code event_id} gets one from a digest of its bytes, so importing the same file again (resumed,
 * restarted, or by mistake) stores nothing twice; a line that is not JSON, or not UTF-8, becomes an
 * {@link RawEvent.Unreadable} with the reason, and the other lines go on.
 */
final class LineReader {

    // one parser per line, many lines per thread: a thread-local buffer pool, not the shared deque
    private static final JsonMapper JSON = JsonMapper.builder(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final ThreadLocal<PlainJsonReader> PLAIN = ThreadLocal.withInitial(PlainJsonReader::new);

    private LineReader() {}

    @SuppressWarnings("unchecked")
    static Object read(byte[] body, int start, int end) {
        try {
            Object value = parse(body, start, end);
            if (value instanceof Map<?, ?> m && m.get("event_id") == null) {
                ((Map<String, Object>) m).put("event_id", contentId(body, start, end));
            }
            return value;
        } catch (JacksonException e) {
            return unreadable(e);
        }
    }

    /** The line's JSON value as it is, or an {@link RawEvent.Unreadable}. */
    static Object readPlain(byte[] body, int start, int end) {
        try {
            return parse(body, start, end);
        } catch (JacksonException e) {
            return unreadable(e);
        }
    }

    /**
     * The line's JSON value as the mapper's untyped reading gives it (objects as {@code LinkedHashMap}, arrays as
     * {@code ArrayList}, whole numbers as the smallest of Integer/Long/BigInteger, others as Double). An ordinary
     * line is read by {@link PlainJsonReader}; any other is read straight off Jackson's token stream — a quarter
     * cheaper than going through the mapper, which matters at millions of lines. Anything unusual (a syntax
     * error, trailing content) is read again by the mapper itself, so a bad line gets exactly the mapper's
     * value or error.
     */
    static Object parse(byte[] body, int start, int end) {
        Object plain = PLAIN.get().read(body, start, end);
        return plain != PlainJsonReader.NOT_PLAIN ? plain : parseWithJackson(body, start, end);
    }

    /** {@link #parse} without the plain reader: Jackson's token stream, or its mapper for anything unusual. */
    static Object parseWithJackson(byte[] body, int start, int end) {
        // through the factory, not the mapper: the mapper makes a deserialization context per parser, which
        // the token-by-token reading never uses (a tenth of what a line allocated)
        try (JsonParser p = JSON.tokenStreamFactory().createParser(ObjectReadContext.empty(), body, start, end - start)) {
            Object value = value(p, p.nextToken());
            if (p.nextToken() == null) {
                return value;
            }
        } catch (JacksonException | Unusual e) {
            // read again below
        }
        return JSON.readValue(body, start, end - start, Object.class);
    }

    private static Object value(JsonParser p, JsonToken t) {
        if (t == null) {
            throw Unusual.INSTANCE;
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                String name;
                while ((name = p.nextName()) != null) {
                    m.put(name, value(p, p.nextToken()));
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw Unusual.INSTANCE;
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, next));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getString();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw Unusual.INSTANCE;
        }
    }

    /** A token the fast reading leaves to the mapper. */
    private static final class Unusual extends RuntimeException {
        static final Unusual INSTANCE = new Unusual();

        private Unusual() {
            super(null, null, false, false);
        }
    }

    static RawEvent.Unreadable unreadable(JacksonException e) {
        String why = e.getOriginalMessage() != null && e.getOriginalMessage().contains("UTF-8")
                ? "the line contains bytes that are not UTF-8" : "the line is not JSON: " + e.getOriginalMessage();
        return new RawEvent.Unreadable(why);
    }

    /** An id for a line that brings none: the first 128 bits of its SHA-256. Two identical lines are one event. */
    static String contentId(byte[] body, int start, int end) {
        MessageDigest sha = SHA256.get();
        sha.update(body, start, end - start);
        return "imp:" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
