package com.dataeye.sdk.support;

import com.dataeye.sdk.DataEyeConfig;

/** Settings for unit tests: a long linger, so batches leave only when full or flushed, and exact backoff. */
public final class TestConfig {

    private TestConfig() {
    }

    public static DataEyeConfig.Builder builder() {
        return DataEyeConfig.builder()
                .endpoint("http://collector.test:8080")
                .writeKey("wk_test")
                .lingerMs(60_000)
                .retryJitter(0)
                .retryBackoffMs(100)
                .retryBackoffMaxMs(10_000);
    }
}
