package com.dataeye.server.imports;

import com.dataeye.core.ingest.RawEvent;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    private LineReader() {}

    @SuppressWarnings("unchecked")
    static Object read(byte[] body, int start, int end) {
        try {
            Object value = JSON.readValue(body, start, end - start, Object.class);
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
            return JSON.readValue(body, start, end - start, Object.class);
        } catch (JacksonException e) {
            return unreadable(e);
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
