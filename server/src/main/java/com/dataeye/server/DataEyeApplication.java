package com.dataeye.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** DataEye in one process: collector, event store, analyses and APIs on the embedded default. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DataEyeApplication {

    public static void main(String[] args) {
        SpringApplication.run(DataEyeApplication.class, args);
    }
}
