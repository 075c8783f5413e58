package com.dataeye.server.ingest;

import com.dataeye.server.support.Api;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Sensors Analytics SDKs' wire protocol, built here byte for byte as those SDKs send it. */
class SensorsIT extends InProcessServer {

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private List<JsonNode> eventsOf(String person) {
        List<JsonNode> out = new ArrayList<>();
        api().getAsSecretKey("/api/v1/projects/demo/events?person=" + enc(person)).body().path("events").forEach(out::add);
        return out;
    }

    private static String record(String type, String event, String distinctId, boolean login, long trackId, String extra) {
        long time = System.currentTimeMillis() - 5_000;
        return """
                {"type":"%s","event":"%s","distinct_id":"%s","time":%d,"_track_id":%d,"_flush_time":%d,
                 "lib":{"$lib":"Java","$lib_version":"3.6.3","$lib_method":"code"},
                 "properties":{"$is_login_id":%s,"$url":"https://shop.example.cn/p/lut","$latest_utm_source":"zsxq","product_id":"lut-v2"%s}}"""
                .formatted(type, event, distinctId, time, trackId, time + 1000, login, extra);
    }

    @Test
    void javaSdkBatchesGzippedDataListAndSignUpMergesThePerson() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String list = "[" + record("track", "ViewProduct", "anon-" + t, false, 1, "")
                + ",{\"type\":\"track_signup\",\"event\":\"$SignUp\",\"distinct_id\":\"user-" + t + "\",\"original_id\":\"anon-" + t
                + "\",\"time\":" + System.currentTimeMillis() + ",\"_track_id\":2,\"properties\":{}}"
                + "," + record("track", "PayOrder", "user-" + t, true, 3, ",\"amount\":99") + "]";
        String body = "gzip=1&data_list=" + enc(b64(Api.gzip(list.getBytes(StandardCharsets.UTF_8))));
        Api.Response r = api().post("/sa?project=" + api().writeKey, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("accepted").asInt()).isEqualTo(4);
        List<JsonNode> events = eventsOf("user-" + t);
        assertThat(events).extracting(e -> e.path("event").asString())
                .containsExactlyInAnyOrder("ViewProduct", "$identify", "$SignUp", "PayOrder");
        JsonNode view = events.stream().filter(e -> e.path("event").asString().equals("ViewProduct")).findFirst().orElseThrow();
        assertThat(view.path("anonymous_id").asString()).isEqualTo("anon-" + t);
        assertThat(view.path("lib").asString()).isEqualTo("Java");
        assertThat(view.path("url").asString()).isEqualTo("https://shop.example.cn/p/lut");
        assertThat(view.path("utm_source").asString()).isEqualTo("zsxq");
        assertThat(view.path("channel").asString()).isEqualTo("community");
    }

    @Test
    void beaconWithTextPlainFormAndCrcIsParsedAsAForm() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String data = b64(record("track", "$pageview", "cookie-" + t, false, 7, "").getBytes(StandardCharsets.UTF_8));
        String body = "data=" + enc(data) + "&ext=" + enc("crc=" + data.hashCode());
        Api.Response r = api().post("/sa?project=" + api().writeKey, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "text/plain;charset=UTF-8");
        assertThat(r.status()).isEqualTo(200);
        assertThat(eventsOf("cookie-" + t)).extracting(e -> e.path("event").asString()).containsExactly("$pageview");
    }

    @Test
    void imageBeaconGetIsStoredAndItsRetryIsNot() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String data = b64(record("track", "$WebClick", "cookie-" + t, false, 42,
                ",\"$element_selector\":\"#buy\",\"$element_content\":\"立即购买\"").getBytes(StandardCharsets.UTF_8));
        String url = "/sa.gif?project=" + api().writeKey + "&data=" + enc(data) + "&ext=" + enc("crc=" + data.hashCode());
        assertThat(api().get(url, null).status()).isEqualTo(200);
        Api.Response retry = api().get(url, null);
        assertThat(retry.body().path("duplicates").asInt()).isEqualTo(1);
        List<JsonNode> events = eventsOf("cookie-" + t);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("element_selector").asString()).isEqualTo("#buy");
        assertThat(events.get(0).path("element_text").asString()).isEqualTo("立即购买");
    }

    @Test
    void aCutShortBeaconIsRefusedByItsCrc() {
        String data = b64(record("track", "$pageview", "c", false, 1, "").getBytes(StandardCharsets.UTF_8));
        String url = "/sa.gif?project=" + api().writeKey + "&data=" + enc(data.substring(0, data.length() - 8))
                + "&ext=" + enc("crc=" + data.hashCode());
        Api.Response r = api().get(url, null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").path("message").asString()).contains("crc");
    }

    @Test
    void aWrongProjectKeyIsRefused() {
        String data = b64(record("track", "x", "c", false, 1, "").getBytes(StandardCharsets.UTF_8));
        assertThat(api().post("/sa?project=production", ("data=" + enc(data)).getBytes()).status()).isEqualTo(401);
    }

    @Test
    void debugWithDryRunAnswersAnEmptyObjectAndStoresNothing() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        String data = b64(record("track", "DryRunProbe", "dry-" + t, false, 1, "").getBytes(StandardCharsets.UTF_8));
        Api.Response r = api().post("/debug?project=" + api().writeKey, ("data=" + enc(data)).getBytes(StandardCharsets.UTF_8),
                "Dry-Run", "true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().isObject()).isTrue();
        assertThat(r.body().size()).isZero();
        assertThat(eventsOf("dry-" + t)).isEmpty();
        Api.Response broken = api().post("/debug?project=" + api().writeKey, "data=%%%".getBytes(StandardCharsets.UTF_8),
                "Dry-Run", "true");
        assertThat(broken.status()).isEqualTo(400);
        Api.Response stored = api().post("/debug?project=" + api().writeKey, ("data=" + enc(data)).getBytes(StandardCharsets.UTF_8));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(eventsOf("dry-" + t)).hasSize(1);
    }

    @Test
    void profileAppendUnsetItemDeleteAndIdBindingBecomeOurRecordTypes() {
        String t = UUID.randomUUID().toString().substring(0, 8);
        long now = System.currentTimeMillis() - 1000;
        String list = "["
                + "{\"type\":\"profile_append\",\"distinct_id\":\"u-" + t + "\",\"time\":" + now + ",\"_track_id\":11,"
                + "\"properties\":{\"$is_login_id\":true,\"tags\":[\"lut\",\"course\"]}},"
                + "{\"type\":\"profile_unset\",\"distinct_id\":\"u-" + t + "\",\"time\":" + now + ",\"_track_id\":12,"
                + "\"properties\":{\"$is_login_id\":true,\"coupon\":true}},"
                + "{\"type\":\"item_delete\",\"item_type\":\"course\",\"item_id\":\"c-" + t + "\",\"time\":" + now
                + ",\"_track_id\":13,\"properties\":{}},"
                + "{\"type\":\"track_id_bind\",\"event\":\"$BindID\",\"distinct_id\":\"u-" + t + "\",\"time\":" + now
                + ",\"_track_id\":14,\"identities\":{\"$identity_login_id\":\"u-" + t + "\",\"$identity_cookie_id\":\"ck-" + t
                + "\"},\"properties\":{}},"
                + "{\"type\":\"track\",\"event\":\"$pageview\",\"distinct_id\":\"ck-" + t + "\",\"time\":" + (now - 60_000)
                + ",\"_track_id\":15,\"identities\":{\"$identity_cookie_id\":\"ck-" + t + "\"},\"properties\":{}}]";
        Api.Response r = api().post("/sa?project=" + api().writeKey, ("data_list=" + enc(b64(list.getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("rejected").asInt()).isZero();
        List<JsonNode> person = eventsOf("u-" + t);
        assertThat(person).extracting(e -> e.path("event").asString())
                .containsExactlyInAnyOrder("$profile_append", "$profile_unset", "$identify", "$pageview");
        JsonNode append = person.stream().filter(e -> e.path("type").asString().equals("profile_append")).findFirst().orElseThrow();
        assertThat(append.path("properties").path("tags").get(0).asString()).isEqualTo("lut");
        JsonNode unset = person.stream().filter(e -> e.path("type").asString().equals("profile_unset")).findFirst().orElseThrow();
        assertThat(unset.path("properties").path("coupon").asBoolean()).isTrue();
        JsonNode view = person.stream().filter(e -> e.path("event").asString().equals("$pageview")).findFirst().orElseThrow();
        assertThat(view.path("anonymous_id").asString()).as("the cookie's browsing belongs to the bound login").isEqualTo("ck-" + t);
        List<JsonNode> item = eventsOf("item:c-" + t);
        assertThat(item).hasSize(1);
        assertThat(item.get(0).path("type").asString()).isEqualTo("item_set");
        assertThat(item.get(0).path("product_id").asString()).isEqualTo("c-" + t);
        assertThat(item.get(0).path("properties").path("$is_deleted").asBoolean()).isTrue();
    }
}
