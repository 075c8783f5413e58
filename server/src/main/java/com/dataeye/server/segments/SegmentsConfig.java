package com.dataeye.server.segments;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.segments.SegmentEvaluator;
import com.dataeye.analytics.segments.StaticMembers;
import com.dataeye.analytics.store.DuckDb;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The segment evaluator and the static lists' table on the embedded store; scheduling for the daily sizes. */
@Configuration
@EnableScheduling
class SegmentsConfig {

    @Bean
    StaticMembers staticMembers(DuckDb db) {
        return new StaticMembers(db);
    }

    @Bean
    SegmentEvaluator segmentEvaluator(QueryExecutor executor) {
        return new SegmentEvaluator(executor);
    }
}
