package com.dataeye.server.imports;

/** How a line of an import file is read into the collector's wire shape. */
public enum ImportFormat {

    /** One native event a line (docs/api/collector.md). */
    NATIVE;

    Object read(byte[] body, int start, int end) {
        return LineReader.read(body, start, end);
    }
}
