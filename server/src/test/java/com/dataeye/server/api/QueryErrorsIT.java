package com.dataeye.server.api;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every analysis endpoint answers the same machine-readable errors: a client handles them once. */
class QueryErrorsIT extends InProcessServer {

    private static final List<String> QUERIES = List.of("query/trend", "query/funnel", "query/retention", "query/paths",
            "query/ltv", "query/attribution", "query/nps", "query/associations", "segments/preview");

    private String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + api().adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response post(String project, String query, String body, String auth) {
        return api().post("/api/v1/projects/" + project + "/" + query, body.getBytes(StandardCharsets.UTF_8), "Authorization", auth);
    }

    @Test
    void everyQueryEndpointAnswersUnknownProjectWith404() {
        for (String q : QUERIES) {
            Api.Response r = post("no-such-project", q, "{}", admin());
            assertThat(r.status()).as(q).isEqualTo(404);
            assertThat(r.body().path("error").path("code").asString()).as(q).isEqualTo("unknown_project");
            assertThat(r.body().path("error").path("message").asString()).as(q).contains("no-such-project");
        }
    }

    @Test
    void aSecretKeyOfOneProjectGets403OnAnother() {
        for (String q : QUERIES) {
            Api.Response r = post("other-project", q, "{}", "Bearer " + api().secretKey);
            assertThat(r.status()).as(q).isEqualTo(403);
            assertThat(r.body().path("error").path("code").asString()).as(q).isEqualTo("forbidden");
        }
    }

    @Test
    void anInvalidQueryNamesTheOffendingFieldOnEveryEndpoint() {
        for (String q : QUERIES) {
            Api.Response r = post("demo", q, "{\"from\":\"yesterday\",\"to\":\"2026-11-21\"}", "Bearer " + api().secretKey);
            assertThat(r.status()).as(q).isEqualTo(400);
            String code = r.body().path("error").path("code").asString();
            assertThat(code).as(q).isEqualTo(q.startsWith("segments") ? "invalid_segment" : "invalid_query");
            assertThat(r.body().path("error").path("field").asString()).as(q).isNotBlank();
        }
    }
}
