package com.dataeye.server.autocapture;

import com.dataeye.core.ingest.IngestPipeline;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Configuration;

/** Autocaptured events dropped by project governance, as the counter {@code dataeye.autocapture.dropped}. */
@Configuration(proxyBeanMethods = false)
class AutocaptureMetrics {

    AutocaptureMetrics(IngestPipeline collectorPipeline, MeterRegistry metrics) {
        FunctionCounter.builder("dataeye.autocapture.dropped", collectorPipeline, IngestPipeline::droppedByGovernance)
                .description("autocaptured events not kept: kind off, URL denied or not allowed, sampled out")
                .register(metrics);
    }
}
