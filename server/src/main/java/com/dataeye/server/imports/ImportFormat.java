package com.dataeye.server.imports;

import com.dataeye.core.ingest.RawEvent;
import com.dataeye.server.ingest.SensorsRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a line of an import file is read into the collector's wire shape (docs/api/import.md, {@code format}). */
public enum ImportFormat {

    /** One native event a line (docs/api/collector.md). */
    NATIVE("native") {
        @Override
        List<Object> read(byte[] body, int start, int end) {
            // a line of plain `null` is a value too (refused as not an object, like any other non-object)
            return java.util.Collections.singletonList(LineReader.read(body, start, end));
        }
    },

    /**
     * One Sensors Analytics record a line ({@code type}, {@code event}, {@code distinct_id}, {@code time} in ms,
     * {@code properties} with {@code $} presets), mapped exactly as the {@code /sa} endpoint maps it.
     */
    SENSORS("sensors") {
        @Override
        @SuppressWarnings("unchecked")
        List<Object> read(byte[] body, int start, int end) {
            Object value = LineReader.readPlain(body, start, end);
            if (!(value instanceof Map<?, ?> record)) {
                return List.of(value);
            }
            List<Map<String, Object>> events = SensorsRecords.toNative((Map<String, Object>) record);
            List<Object> out = new ArrayList<>(events.size());
            String lineId = null;
            for (int i = 0; i < events.size(); i++) {
                Map<String, Object> e = events.get(i);
                if (e.get("event_id") == null) {
                    // no _track_id: the line's digest, so a re-import stores nothing twice
                    lineId = lineId != null ? lineId : LineReader.contentId(body, start, end);
                    e.put("event_id", i == 0 ? lineId : lineId + ":" + i);
                }
                out.add(e);
            }
            return out;
        }
    };

    private final String wire;

    ImportFormat(String wire) {
        this.wire = wire;
    }

    /** The wire values of one line: each a map, or a {@link RawEvent.Unreadable} for a line that is not JSON. */
    abstract List<Object> read(byte[] body, int start, int end);

    public static Optional<ImportFormat> fromWire(String wire) {
        for (ImportFormat f : values()) {
            if (f.wire.equals(wire)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
