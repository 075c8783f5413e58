package com.dataeye.server.system;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The collector counts its own events, commit latency and queue; a per-request HTTP observation on
 * top would cost more than the collector's own work per event, so it is left out there.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    @Bean
    ObservationPredicate skipCollectorRequests() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && isCollector(request.getCarrier().getRequestURI()));
    }

    private static boolean isCollector(String uri) {
        return uri.equals("/api/v1/events") || uri.equals("/api/v1/ping") || uri.startsWith("/v1/") || uri.startsWith("/sa") || uri.equals("/debug");
    }
}
