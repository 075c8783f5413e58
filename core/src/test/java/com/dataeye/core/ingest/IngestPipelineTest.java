package com.dataeye.core.ingest;

import com.dataeye.core.dedup.DedupWindow;
import com.dataeye.core.enrich.ChannelClassifier;
import com.dataeye.core.enrich.DeviceInfo;
import com.dataeye.core.event.Event;
import com.dataeye.core.event.EventType;
import com.dataeye.core.identity.IdentityResolver;
import com.dataeye.core.privacy.PiiMode;
import com.dataeye.core.project.Project;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestPipelineTest {

    private final Instant now = Instant.parse("2026-11-25T08:00:00Z");
    private final Project shop = new Project("shop", "Shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
    private final IdentityResolver identities = new IdentityResolver();
    private final IngestPipeline pipeline = new IngestPipeline(IngestLimits.DEFAULTS,
            ua -> new DeviceInfo("iOS", "17.1", "Mobile Safari", "17.1", "mobile"), new ChannelClassifier(),
            identities, new DedupWindow(Duration.ofDays(7)));

    private IngestPipeline.Prepared ingest(List<Map<String, Object>> events) {
        return ingest(events, shop);
    }

    private IngestPipeline.Prepared ingest(List<Map<String, Object>> events, Project project) {
        List<RawEvent> raws = new ArrayList<>();
        for (Map<String, Object> e : events) {
            byte[] text = e.toString().getBytes(StandardCharsets.UTF_8);
            raws.add(new RawEvent(raws.size(), e, text, 0, text.length, false));
        }
        return pipeline.prepare(raws, new IngestContext(project, now, null, "203.0.113.77", "Mozilla/5.0 (iPhone)"));
    }

    private static Map<String, Object> track(String name, Map<String, Object> props) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("anonymous_id", "anon-1");
        e.put("properties", new HashMap<>(props));
        return e;
    }

    private static Rejection rejection(IngestPipeline.Prepared p, int i) {
        return ((EventOutcome.Rejected) p.outcomes().get(i)).rejection();
    }

    @Test
    void mapsPresetPropertiesToColumnsAndKeepsTheRest() {
        var p = ingest(List.of(track("order_paid", Map.of("$url", "https://shop.example/p/lut?utm_source=douyin",
                "utm_source", "douyin", "order_id", 12345, "amount", 99.9, "coupon", "NEW10"))));
        Event e = p.batch().events().get(0);
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.page().url()).isEqualTo("https://shop.example/p/lut?utm_source=douyin");
        assertThat(e.page().path()).isEqualTo("/p/lut");
        assertThat(e.acquisition().channel()).isEqualTo("short_video");
        assertThat(e.commerce().orderId()).isEqualTo("12345");
        assertThat(e.commerce().amount()).isEqualByComparingTo(new BigDecimal("99.9"));
        assertThat(e.device().ip()).isEqualTo("203.0.113.0");
        assertThat(e.device().os()).isEqualTo("iOS");
        assertThat(e.properties()).containsOnlyKeys("coupon");
    }

    @Test
    void takesCampaignTagsFromTheLandingUrlWhenNoneWereSentAsProperties() {
        var p = ingest(List.of(
                track("$pageview", Map.of("$url", "https://shop.example/p/lut?utm_source=%E6%8A%96%E9%9F%B3&utm_medium=cpc&utm_campaign=double11#top")),
                track("$pageview", Map.of("$url", "https://shop.example/?utm_source=zsxq", "utm_source", "wechat"))));
        Event fromUrl = p.batch().events().get(0);
        assertThat(fromUrl.acquisition().utmSource()).isEqualTo("抖音");
        assertThat(fromUrl.acquisition().utmMedium()).isEqualTo("cpc");
        assertThat(fromUrl.acquisition().utmCampaign()).isEqualTo("double11");
        assertThat(fromUrl.acquisition().channel()).isEqualTo("paid");
        assertThat(p.batch().events().get(1).acquisition().utmSource()).isEqualTo("wechat");
    }

    @Test
    void rejectsAmountThatIsNotANumberAndQuarantinesIt() {
        var p = ingest(List.of(track("order_paid", Map.of("amount", "abc"))));
        assertThat(rejection(p, 0).code()).isEqualTo(RejectionCode.INVALID_PROPERTY_TYPE);
        assertThat(rejection(p, 0).field()).isEqualTo("properties.amount");
        assertThat(p.batch().events()).isEmpty();
        assertThat(p.batch().quarantined()).singleElement()
                .satisfies(q -> assertThat(q.code()).isEqualTo("invalid_property_type"));
    }

    @Test
    void keepsGoodEventsOfABatchWithBadOnes() {
        Map<String, Object> noName = track("x", Map.of());
        noName.remove("event");
        var p = ingest(List.of(track("product_view", Map.of()), noName, track("add_to_cart", Map.of())));
        assertThat(p.accepted()).isEqualTo(2);
        assertThat(rejection(p, 1).code()).isEqualTo(RejectionCode.MISSING_FIELD);
        assertThat(rejection(p, 1).field()).isEqualTo("event");
    }

    @Test
    void rejectsEventWithoutAnyIdentity() {
        Map<String, Object> e = track("product_view", Map.of());
        e.remove("anonymous_id");
        assertThat(rejection(ingest(List.of(e)), 0).field()).isEqualTo("distinct_id");
    }

    @Test
    void rejectsTimestampsAbsurdlyFarAway() {
        Map<String, Object> old = track("product_view", Map.of());
        old.put("timestamp", "1970-01-02T00:00:00Z");
        Map<String, Object> future = track("product_view", Map.of());
        future.put("timestamp", "2099-01-01T00:00:00+08:00");
        var p = ingest(List.of(old, future));
        assertThat(rejection(p, 0).code()).isEqualTo(RejectionCode.TIMESTAMP_TOO_OLD);
        assertThat(rejection(p, 1).code()).isEqualTo(RejectionCode.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void correctsClientClockBySentAt() {
        Map<String, Object> e = track("product_view", Map.of());
        // the phone's clock is 2 hours fast: it stamped the event 10 s before it sent the batch
        e.put("timestamp", "2026-11-25T10:00:00Z");
        e.put("sent_at", "2026-11-25T10:00:10Z");
        assertThat(ingest(List.of(e)).batch().events().get(0).ts()).isEqualTo(now.minusSeconds(10));
    }

    @Test
    void rejectsTooManyProperties() {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            props.put("p" + i, i);
        }
        assertThat(rejection(ingest(List.of(track("x", props))), 0).code()).isEqualTo(RejectionCode.TOO_MANY_PROPERTIES);
    }

    @Test
    void rejectsUnknownType() {
        Map<String, Object> e = track("x", Map.of());
        e.put("type", "page");
        assertThat(rejection(ingest(List.of(e)), 0).code()).isEqualTo(RejectionCode.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void storesProfileAppendWithItsListValuesAsItsOwnRecordType() {
        Map<String, Object> e = track("ignored", Map.of("tags", List.of("lut", "course")));
        e.remove("event");
        e.put("type", "profile_append");
        var p = ingest(List.of(e));
        assertThat(p.accepted()).isEqualTo(1);
        Event stored = p.batch().events().get(0);
        assertThat(stored.type()).isEqualTo(EventType.PROFILE_APPEND);
        assertThat(stored.event()).isEqualTo("$profile_append");
        assertThat(stored.properties()).containsEntry("tags", List.of("lut", "course"));
    }

    @Test
    void storesARetriedEventOnce() {
        Map<String, Object> e = track("order_paid", Map.of());
        e.put("event_id", "evt-1");
        assertThat(ingest(List.of(e)).accepted()).isEqualTo(1);
        Map<String, Object> retry = track("order_paid", Map.of());
        retry.put("event_id", "evt-1");
        var p = ingest(List.of(retry));
        assertThat(p.outcomes().get(0)).isInstanceOf(EventOutcome.Duplicate.class);
        assertThat(p.batch().events()).isEmpty();
    }

    @Test
    void rollbackLetsTheRetryThrough() {
        Map<String, Object> e = track("order_paid", Map.of());
        e.put("event_id", "evt-2");
        pipeline.rollback(ingest(List.of(e)));
        Map<String, Object> retry = track("order_paid", Map.of());
        retry.put("event_id", "evt-2");
        assertThat(ingest(List.of(retry)).accepted()).isEqualTo(1);
    }

    @Test
    void identifyLinksAnonymousHistoryToTheLogin() {
        Map<String, Object> browse = track("product_view", Map.of());
        Map<String, Object> identify = new HashMap<>(Map.of("type", "identify", "anonymous_id", "anon-1", "login_id", "user-9"));
        Map<String, Object> buy = track("order_paid", Map.of());
        buy.put("login_id", "user-9");
        var p = ingest(List.of(browse, identify, buy));
        assertThat(p.batch().events()).extracting(Event::personId).containsExactly("anon-1", "user-9", "user-9");
        assertThat(p.batch().links()).singleElement().satisfies(l -> {
            assertThat(l.distinctId()).isEqualTo("anon-1");
            assertThat(l.personId()).isEqualTo("user-9");
        });
        assertThat(identities.personOf("shop", "anon-1")).isEqualTo("user-9");
    }

    @Test
    void identifyWithoutAnonymousIdIsRefused() {
        Map<String, Object> identify = new HashMap<>(Map.of("type", "identify", "login_id", "user-9"));
        assertThat(rejection(ingest(List.of(identify)), 0).field()).isEqualTo("anonymous_id");
    }

    @Test
    void masksPhoneInPropertiesAndHashesPhoneUsedAsLoginId() {
        Map<String, Object> e = track("nps_response", Map.of("comment", "请回电 13812341234 谢谢"));
        e.put("login_id", "13912345678");
        Event stored = ingest(List.of(e)).batch().events().get(0);
        assertThat(stored.properties().get("comment")).isEqualTo("请回电 138****1234 谢谢");
        assertThat(stored.loginId()).doesNotContain("13912345678").startsWith("pii:phone:");
        assertThat(stored.personId()).isEqualTo(stored.loginId());
    }

    @Test
    void followsAChangeOfTheProjectsPiiModeOnTheNextBatch() {
        Map<String, Object> e = track("nps_response", Map.of("comment", "请回电 13812341234"));
        // each request reads the project afresh: equal settings in a new instance, then a changed mode
        Project sameAgain = new Project("shop", "Shop", Project.DEFAULT_ZONE, PiiMode.MASK, new byte[32]);
        Project hashing = new Project("shop", "Shop", Project.DEFAULT_ZONE, PiiMode.HASH, new byte[32]);
        Event masked = ingest(List.of(e), sameAgain).batch().events().get(0);
        Map<String, Object> again = track("nps_response", Map.of("comment", "请回电 13812341234"));
        Event hashed = ingest(List.of(again), hashing).batch().events().get(0);
        assertThat(masked.properties().get("comment")).isEqualTo("请回电 138****1234");
        assertThat((String) hashed.properties().get("comment")).doesNotContain("13812341234").doesNotContain("138****1234").contains("pii:phone:");
    }

    @Test
    void quarantinedRawTextIsMaskedToo() {
        var p = ingest(List.of(track("order_paid", Map.of("amount", "13812341234"))));
        assertThat(p.batch().quarantined().get(0).raw()).doesNotContain("13812341234").contains("138****1234");
    }

    @Test
    void refusesOversizeAndMisEncodedEventsOnTheirOwn() {
        byte[] body = "[{\"event\":\"a\",\"anonymous_id\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> ok = track("ok", Map.of());
        byte[] huge = ("{\"event\":\"a\",\"anonymous_id\":\"x\",\"properties\":{\"blob\":\"" + "a".repeat(40_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        List<RawEvent> raws = List.of(
                new RawEvent(0, ok, huge, 0, huge.length, false),
                new RawEvent(1, ok, body, 0, body.length, true),
                new RawEvent(2, "just a string", body, 0, body.length, false));
        var p = pipeline.prepare(raws, new IngestContext(shop, now, null, null, null));
        assertThat(p.outcomes()).extracting(o -> ((EventOutcome.Rejected) o).rejection().code())
                .containsExactly(RejectionCode.EVENT_TOO_LARGE, RejectionCode.INVALID_UTF8, RejectionCode.NOT_AN_OBJECT);
        assertThat(p.batch().quarantined()).hasSize(3);
    }

    @Test
    void itemSetNeedsNoPerson() {
        Map<String, Object> item = new HashMap<>(Map.of("type", "item_set", "item_id", "lut-v2",
                "properties", new HashMap<>(Map.of("version", "V2.5", "price", 39.9))));
        Event e = ingest(List.of(item)).batch().events().get(0);
        assertThat(e.commerce().productId()).isEqualTo("lut-v2");
        assertThat(e.distinctId()).isEqualTo("item:lut-v2");
    }
}
