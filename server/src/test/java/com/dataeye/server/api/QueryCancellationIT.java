package com.dataeye.server.api;

import com.dataeye.analytics.query.QueryExecutor;
import com.dataeye.analytics.query.RunningQueries;
import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An operator leaving a dashboard page stops that page's queries, and only its own. */
class QueryCancellationIT extends InProcessServer {

    /** Minutes of work for the store: a cross join counted without any shortcut. */
    private static final String ENDLESS = "SELECT count(*) FROM range(200000000) a, range(100000) b WHERE (a.range + b.range) % 7 = 3";

    @Autowired
    RunningQueries running;

    @Autowired
    QueryExecutor executor;

    private String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + api().adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response cancel(String auth, String... ids) {
        String body = "{\"ids\": [" + String.join(",", java.util.Arrays.stream(ids).map(i -> "\"" + i + "\"").toList()) + "]}";
        return api().post("/api/v1/queries/cancel", body.getBytes(StandardCharsets.UTF_8), "Authorization", auth);
    }

    @Test
    void anOperatorStopsItsOwnRunningQueryAndNobodyElseCan() throws Exception {
        CountDownLatch tagged = new CountDownLatch(1);
        // the statement of a dashboard request by "admin" that carried X-DataEye-Query-Id: page-1
        CompletableFuture<Void> request = CompletableFuture.runAsync(() -> {
            String key = QueryCancellation.key(() -> "admin", "page-1");
            running.begin(key);
            tagged.countDown();
            try {
                executor.query(ENDLESS, List.of(), rs -> { });
            } finally {
                running.end(key);
            }
        });
        assertThat(tagged.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);

        Api.Response other = cancel("Bearer " + api().secretKey, "page-1");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body().path("cancelled").asInt()).as("a secret key cannot stop an operator's query").isZero();
        assertThat(request).isNotDone();

        Api.Response own = cancel(admin(), "page-1", "page-that-ended-long-ago");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("cancelled").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> request.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(QueryExecutor.QueryCancelledException.class);
    }

    @Test
    void aTaggedRequestAnswersNormallyAndIsForgottenWhenItEnds() {
        LocalDate today = LocalDate.now();
        String trend = "{\"event\": \"$pageview\", \"from\": \"" + today.minusDays(7) + "\", \"to\": \"" + today + "\"}";
        Api.Response r = api().post("/api/v1/projects/demo/query/trend", trend.getBytes(StandardCharsets.UTF_8),
                "Authorization", admin(), QueryCancellation.HEADER, "trend-1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().has("series")).isTrue();
        assertThat(running.size()).isZero();
        assertThat(cancel(admin(), "trend-1").body().path("cancelled").asInt()).isZero();
    }

    @Test
    void rejectsAMalformedQueryId() {
        Api.Response r = api().post("/api/v1/projects/demo/query/trend", "{}".getBytes(StandardCharsets.UTF_8),
                "Authorization", admin(), QueryCancellation.HEADER, "not an id!");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("invalid_header");
        assertThat(r.body().path("error").path("field").asString()).isEqualTo(QueryCancellation.HEADER);
    }

    @Test
    void rejectsTooManyIdsAtOnce() {
        String[] ids = new String[201];
        java.util.Arrays.setAll(ids, i -> "id-" + i);
        Api.Response r = cancel(admin(), ids);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("ids");
    }

    @Test
    void cancellingNeedsALogin() {
        assertThat(cancel("Basic bm9ib2R5Om5vcGU=", "x").status()).as("nobody:nope").isEqualTo(401);
    }
}
