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

    @Bean
    ServletRegistrationBean<CollectorServlet> collectorServlet(Collector collector, JsonMapper json, DataEyeProperties props) {
        ServletRegistrationBean<CollectorServlet> bean = new ServletRegistrationBean<>(new CollectorServlet(collector, json,
                props.ingest().maxBodyBytes(), props.ingest().trustForwardedFor(), responders()), "/api/v1/events");
        bean.setName("collector");
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
