package com.dataeye.core.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * An accepted event in its canonical stored shape (ARCHITECTURE.md, "Events"): identity,
 * corrected time, the context columns analyses filter on, and the remaining properties.
 * Every string in it has already been de-identified.
 */
public record Event(
        String eventId,
        String projectId,
        String event,
        EventType type,
        String personId,
        String distinctId,
        String anonymousId,
        String loginId,
        Instant ts,
        Instant receivedAt,
        String lib,
        String libVersion,
        Page page,
        Acquisition acquisition,
        Device device,
        Element element,
        Commerce commerce,
        Map<String, Object> properties) {

    public record Page(String url, String path, String title, String referrer) {}

    public record Acquisition(String utmSource, String utmMedium, String utmCampaign, String utmContent,
                              String utmTerm, String channel) {}

    public record Device(String os, String browser, String deviceType, String screen, String ip) {}

    public record Element(String selector, String path, String text) {}

    public record Commerce(String orderId, String productId, BigDecimal amount) {}
}
