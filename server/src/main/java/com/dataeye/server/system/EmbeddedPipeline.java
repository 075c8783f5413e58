package com.dataeye.server.system;

import com.dataeye.analytics.log.SegmentLoader;
import com.dataeye.analytics.log.SegmentLog;
import com.dataeye.analytics.store.DuckDb;
import com.dataeye.analytics.store.DuckDbEventStore;
import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.UserAgentParser;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.ingest.GroupCommitter;
import com.dataeye.core.ingest.IngestLimits;
import com.dataeye.core.ingest.IngestPipeline;
import com.dataeye.core.plan.PlanSource;
import com.dataeye.core.store.EventStore;
import com.dataeye.server.enrich.UapUserAgentParser;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Wires the embedded default (ARCHITECTURE.md): a segmented file log that acknowledged events are
 * group-committed to, a loader that moves it into the DuckDB event store in large batches, and the
 * core pipeline in process. On start the log's leftovers are loaded first; then the dedup window and
 * the identity links are rebuilt from the store, which is the only truth.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedPipeline {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);

    @Bean(destroyMethod = "close")
    DuckDb duckDb(DataEyeProperties props) {
        return DuckDb.open(props.dataDir().resolve("events.duckdb"), props.store().memoryLimit());
    }

    @Bean(destroyMethod = "close")
    DuckDbEventStore eventStore(DuckDb db) {
        return new DuckDbEventStore(db);
    }

    @Bean(destroyMethod = "close")
    SegmentLog eventLog(DataEyeProperties props) {
        return new SegmentLog(props.dataDir().resolve("log"));
    }

    /** Loads what a previous run left in the log before anything reads the store, then keeps loading. */
    @Bean(destroyMethod = "close")
    SegmentLoader segmentLoader(SegmentLog log, DuckDbEventStore store, DataEyeProperties props, MeterRegistry metrics) {
        SegmentLoader loader = new SegmentLoader(log, store, props.ingest().loadInterval(), props.ingest().maxSegmentBytes());
        loader.recover();
        loader.start();
        metrics.gauge("dataeye.log.unloaded.bytes", log, SegmentLog::currentBytes);
        metrics.gauge("dataeye.log.segments.set.aside", loader, SegmentLoader::segmentsSetAside);
        return loader;
    }

    @Bean
    com.dataeye.analytics.query.RunningQueries runningQueries() {
        return new com.dataeye.analytics.query.RunningQueries();
    }

    @Bean
    com.dataeye.analytics.query.QueryExecutor queryExecutor(DuckDb db, DataEyeProperties props,
                                                            com.dataeye.analytics.query.RunningQueries running) {
        return new com.dataeye.analytics.query.QueryExecutor(db, props.query().timeout(), running);
    }

    @Bean
    IdentityResolver identityResolver(EventStore store, SegmentLoader recovered) {
        IdentityResolver resolver = new IdentityResolver();
        store.forEachIdentityLink(resolver::restore);
        log.info("identity links restored: {}", resolver.size());
        return resolver;
    }

    @Bean
    DedupWindow dedupWindow(EventStore store, SegmentLoader recovered, DataEyeProperties props) {
        DedupWindow window = new DedupWindow(props.ingest().dedupWindow());
        Instant since = Instant.now().minus(props.ingest().dedupWindow()).minus(java.time.Duration.ofDays(1));
        store.forEachEventDigestSince(since, window::restore);
        log.info("dedup window restored: {} event ids", window.size());
        return window;
    }

    @Bean
    UserAgentParser userAgentParser() {
        return new UapUserAgentParser();
    }

    @Bean
    @org.springframework.context.annotation.Primary
    IngestPipeline ingestPipeline(DataEyeProperties props, UserAgentParser userAgents, IdentityResolver identities,
                                  DedupWindow dedup, PlanSource plans) {
        DataEyeProperties.Ingest in = props.ingest();
        IngestLimits limits = new IngestLimits(in.maxEventBytes(), in.maxProperties(), in.maxAge(), in.maxFutureSkew());
        return new IngestPipeline(limits, userAgents, new ChannelClassifier(), identities, dedup, plans);
    }

    /** The same pipeline for bulk imports, sharing dedup and identities, but taking old timestamps. */
    @Bean
    IngestPipeline importPipeline(DataEyeProperties props, UserAgentParser userAgents, IdentityResolver identities,
                                  DedupWindow dedup, PlanSource plans) {
        DataEyeProperties.Ingest in = props.ingest();
        IngestLimits limits = new IngestLimits(in.maxEventBytes(), in.maxProperties(), props.imports().maxAge(), in.maxFutureSkew());
        return new IngestPipeline(limits, userAgents, new ChannelClassifier(), identities, dedup, plans);
    }

    @Bean(destroyMethod = "close")
    GroupCommitter groupCommitter(SegmentLog log, DataEyeProperties props, MeterRegistry metrics,
                                  com.dataeye.core.ingest.DurableEventsListener durableEvents) {
        Timer commits = Timer.builder("dataeye.commit.latency")
                .description("time to make one group of events durable")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
        GroupCommitter committer = new GroupCommitter(log, props.ingest().maxQueuedEvents(),
                props.ingest().maxEventsPerCommit(), nanos -> commits.record(nanos, TimeUnit.NANOSECONDS), durableEvents);
        metrics.gauge("dataeye.commit.queue.events", committer, GroupCommitter::queuedItems);
        return committer;
    }
}
