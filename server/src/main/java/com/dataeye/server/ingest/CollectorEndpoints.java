package com.dataeye.server.ingest;

import com.dataeye.server.system.DataEyeProperties;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Mounts the collector's servlets beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class CollectorEndpoints {

    private final ExecutorService responders = responders();

    @Bean
    ServletRegistrationBean<CollectorServlet> collectorServlet(Collector collector, JsonMapper json, DataEyeProperties props) {
        return mount("collector", new CollectorServlet(collector, json, props.ingest().maxBodyBytes(),
                props.ingest().trustForwardedFor(), responders, WireProtocol.NATIVE), "/api/v1/events");
    }

    /** Segment's HTTP tracking API: {@code /v1/track}, {@code /v1/batch}, … with the write key as Basic user. */
    @Bean
    ServletRegistrationBean<CollectorServlet> segmentServlet(Collector collector, JsonMapper json, DataEyeProperties props) {
        return mount("segment", new CollectorServlet(collector, json, props.ingest().maxBodyBytes(),
                props.ingest().trustForwardedFor(), responders, new SegmentProtocol(json)), "/v1/*");
    }

    /** Sensors Analytics SDKs: {@code /sa}, {@code /sa.gif} (image beacons), {@code /debug}. */
    @Bean
    ServletRegistrationBean<CollectorServlet> sensorsServlet(Collector collector, JsonMapper json, DataEyeProperties props) {
        return mount("sensors", new CollectorServlet(collector, json, props.ingest().maxBodyBytes(),
                props.ingest().trustForwardedFor(), responders, new SensorsProtocol(json)), "/sa", "/sa.gif", "/debug");
    }

    private static ServletRegistrationBean<CollectorServlet> mount(String name, CollectorServlet servlet, String... paths) {
        ServletRegistrationBean<CollectorServlet> bean = new ServletRegistrationBean<>(servlet, paths);
        bean.setName(name);
        bean.setAsyncSupported(true);
        bean.setLoadOnStartup(1);
        return bean;
    }

    /** Writes answers once commits are durable, off the single commit thread. */
    private static ExecutorService responders() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dataeye-responder-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ServletRegistrationBean<PingServlet> pingServlet() {
        ServletRegistrationBean<PingServlet> bean = new ServletRegistrationBean<>(new PingServlet(), "/api/v1/ping");
        bean.setName("ping");
        bean.setLoadOnStartup(1);
        return bean;
    }
}
