package com.dataeye.server.ingest;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The native collector over real HTTP against the whole server with its embedded stores. */
class CollectorIT extends InProcessServer {

    private static String event(String name, String id, String props) {
        return "{\"event\":\"" + name + "\",\"event_id\":\"" + id + "\",\"anonymous_id\":\"anon-" + id + "\",\"properties\":" + props + "}";
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    private JsonNode stored(String eventId) {
        for (JsonNode e : api().getAsSecretKey("/api/v1/projects/demo/events?limit=1000").body().path("events")) {
            if (e.path("event_id").asString().equals(eventId)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void acceptsOneEventAndShowsItInRecentEvents() {
        String id = uid();
        Api.Response r = api().postEvents(event("product_view", id, "{\"product_id\":\"lut-pack-v2\",\"$url\":\"https://shop.example/p/lut\"}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
        JsonNode e = stored(id);
        assertThat(e).isNotNull();
        assertThat(e.path("product_id").asString()).isEqualTo("lut-pack-v2");
        assertThat(e.path("path").asString()).isEqualTo("/p/lut");
    }

    @Test
    void acceptsArrayAndWrappedBatchesWithKeyInBody() {
        String a = uid();
        String b = uid();
        assertThat(api().postEvents("[" + event("x", a, "{}") + "," + event("x", b, "{}") + "]").body().path("accepted").asInt())
                .isEqualTo(2);
        String c = uid();
        String wrapped = "{\"write_key\":\"" + api().writeKey + "\",\"sent_at\":\"2026-11-25T10:00:00+08:00\",\"batch\":[" + event("x", c, "{}") + "]}";
        Api.Response r = api().post("/api/v1/events", wrapped.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsGzipBodies() {
        String id = uid();
        byte[] body = Api.gzip(("[" + event("x", id, "{}") + "]").getBytes(StandardCharsets.UTF_8));
        Api.Response r = api().post("/api/v1/events", body, "X-Write-Key", api().writeKey, "Content-Encoding", "gzip");
        assertThat(r.status()).isEqualTo(200);
        assertThat(stored(id)).isNotNull();
    }

    @Test
    void storesARetriedEventOnce() {
        String id = uid();
        api().postEvents(event("order_paid", id, "{\"amount\":99}"));
        Api.Response retry = api().postEvents(event("order_paid", id, "{\"amount\":99}"));
        assertThat(retry.body().path("accepted").asInt()).isZero();
        assertThat(retry.body().path("duplicates").asInt()).isEqualTo(1);
        long copies = 0;
        for (JsonNode e : api().getAsSecretKey("/api/v1/projects/demo/events?event=order_paid&limit=1000").body().path("events")) {
            copies += e.path("event_id").asString().equals(id) ? 1 : 0;
        }
        assertThat(copies).isEqualTo(1);
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        Api.Response r = api().postEvents("[{\"event\": \"x\",]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("malformed_json");
        assertThat(r.body().path("error").path("message").asString()).contains("line 1");
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        byte[] big = new byte[1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        Api.Response r = api().post("/api/v1/events", big, "X-Write-Key", api().writeKey);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("body_too_large");
    }

    @Test
    void gzipThatExpandsBeyondTheLimitIs413() {
        byte[] big = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        Api.Response r = api().post("/api/v1/events", Api.gzip(big), "X-Write-Key", api().writeKey, "Content-Encoding", "gzip");
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void unsupportedContentEncodingIs415() {
        Api.Response r = api().post("/api/v1/events", "[]".getBytes(), "X-Write-Key", api().writeKey, "Content-Encoding", "br");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("unsupported_encoding");
    }

    @Test
    void eventOver32KiBIsRefusedAloneWithinItsBatch() {
        String good = uid();
        String huge = uid();
        String padding = "a".repeat(33 * 1024);
        Api.Response r = api().postEvents("[" + event("x", good, "{}") + "," + event("x", huge, "{\"blob\":\"" + padding + "\"}") + "]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
        JsonNode err = r.body().path("errors").path(0);
        assertThat(err.path("index").asInt()).isEqualTo(1);
        assertThat(err.path("code").asString()).isEqualTo("event_too_large");
        assertThat(stored(good)).isNotNull();
    }

    @Test
    void unknownOrMissingWriteKeyIs401AndStoresNothing() {
        String id = uid();
        Api.Response wrong = api().post("/api/v1/events", event("x", id, "{}").getBytes(), "X-Write-Key", "wk_not_a_real_key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().path("error").path("code").asString()).isEqualTo("invalid_write_key");
        Api.Response missing = api().post("/api/v1/events", event("x", id, "{}").getBytes());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().path("error").path("code").asString()).isEqualTo("missing_write_key");
        Api.Response secretAsWrite = api().post("/api/v1/events", event("x", id, "{}").getBytes(), "X-Write-Key", api().secretKey);
        assertThat(secretAsWrite.status()).isEqualTo(401);
        assertThat(stored(id)).isNull();
    }

    @Test
    void singleInvalidEventIs400WithCodeAndField() {
        Api.Response r = api().postEvents("{\"event\":\"order_paid\",\"anonymous_id\":\"a\",\"properties\":{\"amount\":\"abc\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("invalid_property_type");
        assertThat(r.body().path("error").path("field").asString()).isEqualTo("properties.amount");
    }

    @Test
    void missingAndIllTypedRequiredFieldsAreNamed() {
        Api.Response r = api().postEvents("[{\"anonymous_id\":\"a\"},{\"event\":42,\"anonymous_id\":\"a\"},"
                + "{\"event\":\"x\",\"anonymous_id\":\"a\",\"timestamp\":\"yesterday\"},{\"event\":\"x\",\"anonymous_id\":\"a\",\"properties\":[1]}]");
        assertThat(r.status()).isEqualTo(400);
        JsonNode errors = r.body().path("errors");
        assertThat(errors.path(0).path("code").asString()).isEqualTo("missing_field");
        assertThat(errors.path(0).path("field").asString()).isEqualTo("event");
        assertThat(errors.path(1).path("code").asString()).isEqualTo("invalid_field_type");
        assertThat(errors.path(1).path("field").asString()).isEqualTo("event");
        assertThat(errors.path(2).path("field").asString()).isEqualTo("timestamp");
        assertThat(errors.path(3).path("field").asString()).isEqualTo("properties");
    }

    @Test
    void timestampsFarAwayAreRefused() {
        Api.Response r = api().postEvents("[{\"event\":\"x\",\"anonymous_id\":\"a\",\"timestamp\":0},"
                + "{\"event\":\"x\",\"anonymous_id\":\"a\",\"timestamp\":\"2099-01-01T00:00:00Z\"}]");
        assertThat(r.body().path("errors").path(0).path("code").asString()).isEqualTo("timestamp_too_old");
        assertThat(r.body().path("errors").path(1).path("code").asString()).isEqualTo("timestamp_in_future");
    }

    @Test
    void tooManyPropertiesAreRefused() {
        StringBuilder props = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            props.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":").append(i);
        }
        Api.Response r = api().postEvents(event("x", uid(), props.append('}').toString()));
        assertThat(r.body().path("error").path("code").asString()).isEqualTo("too_many_properties");
    }

    @Test
    void nonUtf8EventIsRefusedAndTheOthersKept() {
        String good = uid();
        byte[] head = ("[" + event("x", good, "{}") + ",{\"event\":\"x\",\"anonymous_id\":\"a\",\"properties\":{\"t\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\"}}]".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + latin1.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(latin1, 0, body, head.length, latin1.length);
        System.arraycopy(tail, 0, body, head.length + latin1.length, tail.length);
        Api.Response r = api().post("/api/v1/events", body, "X-Write-Key", api().writeKey);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(r.body().path("errors").path(0).path("code").asString()).isEqualTo("invalid_utf8");
        assertThat(stored(good)).isNotNull();
    }

    @Test
    void refusedEventsAreListedInTheQuarantineWithTheirReason() {
        String id = uid();
        api().postEvents(event("order_paid", id, "{\"amount\":\"lots\",\"phone\":\"13812341234\"}"));
        JsonNode q = api().getAsSecretKey("/api/v1/projects/demo/quarantine?code=invalid_property_type").body().path("events");
        JsonNode mine = null;
        for (JsonNode e : q) {
            if (id.equals(e.path("event_id").asString())) {
                mine = e;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("field").asString()).isEqualTo("properties.amount");
        assertThat(mine.path("raw").asString()).contains("lots").contains("138****1234").doesNotContain("13812341234");
        assertThat(api().get("/api/v1/projects/demo/quarantine", null).status()).isEqualTo(401);
    }

    @Test
    void phoneNumbersAndEmailsAreMaskedBeforeStorage() {
        String id = uid();
        api().postEvents(event("nps_response", id, "{\"comment\":\"联系我 13812341234 或 zhang.san@example.com\",\"score\":9}"));
        String comment = stored(id).path("properties").path("comment").asString();
        assertThat(comment).isEqualTo("联系我 138****1234 或 z***@example.com");
    }

    @Test
    void browsersMaySendFromAnyShopOrigin() {
        Api.Response preflight = api().options("/api/v1/events", "Origin", "https://shop.example.cn",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-write-key");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-write-key");
        Api.Response post = api().post("/api/v1/events", event("x", uid(), "{}").getBytes(), "X-Write-Key", api().writeKey,
                "Origin", "https://shop.example.cn");
        assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
