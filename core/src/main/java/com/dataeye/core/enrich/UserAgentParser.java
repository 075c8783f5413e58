package com.dataeye.core.enrich;

/**
 * Port: user agent string to device facts. The server adapts a maintained parser library;
 * the core only states what it needs.
 */
@FunctionalInterface
public interface UserAgentParser {
    DeviceInfo parse(String userAgent);
}
