package com.dataeye.server.ingest;

/**
 * Turns another SDK family's request body into the native collector's (docs/api/collector.md), so
 * every protocol shares one path through validation, dedup, de-identification and the commit.
 */
@FunctionalInterface
interface WireProtocol {

    WireProtocol NATIVE = (path, query, body) -> body;

    /**
     * @param path  the request path below the servlet's mount point (e.g. {@code /track}), or null
     * @param query the raw query string, or null
     * @throws RequestError when the body cannot be read as this protocol
     */
    byte[] toNative(String path, String query, byte[] body);
}
