package com.dataeye.core.ingest;

import java.time.Duration;

/**
 * Limits on what one event may be. Defaults are documented in docs/api/collector.md; every one
 * can be changed in configuration.
 */
public record IngestLimits(int maxEventBytes, int maxProperties, Duration maxAge, Duration maxFutureSkew) {

    public static final IngestLimits DEFAULTS =
            new IngestLimits(32 * 1024, 256, Duration.ofDays(400), Duration.ofDays(1));
}
