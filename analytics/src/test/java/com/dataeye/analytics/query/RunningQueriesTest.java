package com.dataeye.analytics.query;

import com.dataeye.analytics.store.DuckDb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunningQueriesTest {

    /** Minutes of work for DuckDB: a cross join counted without any shortcut. */
    private static final String ENDLESS = "SELECT count(*) FROM range(200000000) a, range(100000) b WHERE (a.range + b.range) % 7 = 3";

    private static DuckDb db;

    @BeforeAll
    static void open() {
        db = DuckDb.open(null, "512MB");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void cancelStopsTheRunningStatementOfTheTaggedRequest() throws Exception {
        RunningQueries running = new RunningQueries();
        QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(10), running);
        CountDownLatch tagged = new CountDownLatch(1);
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            running.begin("op:page-1");
            tagged.countDown();
            try {
                executor.query(ENDLESS, List.of(), rs -> { });
            } finally {
                running.end("op:page-1");
            }
        });
        assertThat(tagged.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // let the statement start
        long asked = System.nanoTime();
        assertThat(running.cancel("op:page-1")).isTrue();
        assertThatThrownBy(() -> request.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(QueryExecutor.QueryCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(30));
        assertThat(running.size()).isZero();
    }

    @Test
    void aCancelledRequestRunsNoFurtherStatement() {
        RunningQueries running = new RunningQueries();
        QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(1), running);
        running.begin("op:page-2");
        try {
            AtomicLong first = new AtomicLong();
            executor.query("SELECT 41 + 1", List.of(), rs -> first.set(rs.getLong(1)));
            assertThat(first.get()).isEqualTo(42);
            running.cancel("op:page-2");
            assertThatThrownBy(() -> executor.query("SELECT 1", List.of(), rs -> { }))
                    .isInstanceOf(QueryExecutor.QueryCancelledException.class);
        } finally {
            running.end("op:page-2");
        }
    }

    @Test
    void cancellingAnotherKeyLeavesARequestAlone() {
        RunningQueries running = new RunningQueries();
        QueryExecutor executor = new QueryExecutor(db, Duration.ofMinutes(1), running);
        running.begin("alice:page-3");
        try {
            assertThat(running.cancel("bob:page-3")).isFalse();
            AtomicLong sum = new AtomicLong();
            executor.query("SELECT sum(range) FROM range(1000)", List.of(), rs -> sum.set(rs.getLong(1)));
            assertThat(sum.get()).isEqualTo(499_500);
        } finally {
            running.end("alice:page-3");
        }
        assertThat(running.cancel("alice:page-3")).as("finished requests cannot be cancelled").isFalse();
    }
}
