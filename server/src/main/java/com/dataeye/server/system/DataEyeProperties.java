package com.dataeye.server.system;

import com.dataeye.core.privacy.PiiMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Every DataEye setting, with its default. Set them in application.properties, as
 * {@code --dataeye.ingest.max-body-bytes=…} or as environment variables
 * ({@code DATAEYE_INGEST_MAX_BODY_BYTES}); docs/configuration.md lists them.
 */
@ConfigurationProperties("dataeye")
public record DataEyeProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Ingest ingest,
        @DefaultValue Store store,
        @DefaultValue Imports imports,
        @DefaultValue Query query,
        @DefaultValue Demo demo) {

    /**
     * @param maxBodyBytes      largest request body, after gzip decoding (413 above)
     * @param maxEventBytes     largest single event (refused within its batch above)
     * @param maxProperties     most properties on one event
     * @param maxAge            oldest timestamp accepted, after clock-skew correction
     * @param maxFutureSkew     furthest future timestamp accepted
     * @param dedupWindow       how long an event id is remembered (at least 7 days)
     * @param maxQueuedEvents   events waiting for a commit before requests get 503 + Retry-After
     * @param maxEventsPerCommit largest group commit
     * @param commitTimeout     how long a request waits for its commit before answering 503
     * @param loadInterval      how often the event log is loaded into the queryable store
     * @param maxSegmentBytes   a log segment this large is loaded before the interval is up
     * @param trustForwardedFor take the client IP from X-Forwarded-For (only behind your own proxy)
     */
    public record Ingest(
            @DefaultValue("1048576") int maxBodyBytes,
            @DefaultValue("32768") int maxEventBytes,
            @DefaultValue("256") int maxProperties,
            @DefaultValue("400d") Duration maxAge,
            @DefaultValue("1d") Duration maxFutureSkew,
            @DefaultValue("7d") Duration dedupWindow,
            @DefaultValue("200000") int maxQueuedEvents,
            @DefaultValue("20000") int maxEventsPerCommit,
            @DefaultValue("10s") Duration commitTimeout,
            @DefaultValue("5s") Duration loadInterval,
            @DefaultValue("67108864") long maxSegmentBytes,
            @DefaultValue("false") boolean trustForwardedFor) {}

    /**
     * @param maxChunkBytes largest import chunk after gzip decoding
     * @param maxAge        oldest timestamp an import accepts (history is old by nature)
     */
    public record Imports(@DefaultValue("134217728") int maxChunkBytes, @DefaultValue("3650d") Duration maxAge) {}

    /** @param timeout an analysis running longer is stopped and answered 422 query_timeout */
    public record Query(@DefaultValue("30s") Duration timeout) {}

    /** @param memoryLimit DuckDB's memory limit, e.g. "1GB" (DuckDB's default is 80% of RAM) */
    public record Store(@DefaultValue("2GB") String memoryLimit) {}

    /**
     * @param project   id of the project created on first start
     * @param piiMode   how the demo project de-identifies personal data
     * @param enabled   fill the demo project with a simulated shop: 90 days of history once, then a live
     *                  trickle ({@code ./dataeye start} turns it on; docs/features/demo.md)
     * @param persons   persons in the simulated history (about 21 events each)
     * @param seed      the simulated shop's seed (same seed, same history)
     * @param liveRate  live events per second sent through the collector; 0 for none
     */
    public record Demo(@DefaultValue("demo") String project, @DefaultValue("MASK") PiiMode piiMode,
                       @DefaultValue("false") boolean enabled, @DefaultValue("20000") int persons,
                       @DefaultValue("42") long seed, @DefaultValue("5") double liveRate) {}
}
