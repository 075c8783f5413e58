package com.dataeye.server.quality;

import com.dataeye.analytics.quality.AutocaptureStore;
import com.dataeye.analytics.quality.QuarantineStore;
import com.dataeye.analytics.store.DuckDb;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DuckDB adapters governance reads and writes through. */
@Configuration(proxyBeanMethods = false)
class QualityStores {

    @Bean
    QuarantineStore quarantineStore(DuckDb db) {
        return new QuarantineStore(db);
    }

    @Bean
    AutocaptureStore autocaptureStore(DuckDb db) {
        return new AutocaptureStore(db);
    }
}
