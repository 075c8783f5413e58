package com.dataeye.server.ingest;

import com.dataeye.server.system.DataEyeProperties;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Mounts the collector's servlets beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class CollectorEndpoints {

    @Bean
    ServletRegistrationBean<CollectorServlet> collectorServlet(Collector collector, JsonMapper json, DataEyeProperties props) {
        ServletRegistrationBean<CollectorServlet> bean = new ServletRegistrationBean<>(new CollectorServlet(collector, json,
                props.ingest().maxBodyBytes(), props.ingest().trustForwardedFor()), "/api/v1/events");
        bean.setName("collector");
        bean.setLoadOnStartup(1);
        return bean;
    }

    @Bean
    ServletRegistrationBean<PingServlet> pingServlet() {
        ServletRegistrationBean<PingServlet> bean = new ServletRegistrationBean<>(new PingServlet(), "/api/v1/ping");
        bean.setName("ping");
        bean.setLoadOnStartup(1);
        return bean;
    }
}
