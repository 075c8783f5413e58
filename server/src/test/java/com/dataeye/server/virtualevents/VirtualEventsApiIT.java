package com.dataeye.server.virtualevents;

import com.dataeye.analytics.store.DuckDb;
import com.dataeye.server.plan.Shop;
import com.dataeye.server.support.InProcessServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual events through the API: saving versions, analyses that use the current version and say
 * so, the answer changing with the definition, preview, archive, name clashes and hostile input.
 */
class VirtualEventsApiIT extends InProcessServer {

    private Shop shop;

    @Autowired
    DuckDb db;

    @BeforeEach
    void freshProjectWithClicks() {
        shop = Shop.create(port, api());
        // u1 and u2 click the buy button; u3 clicks share; u1 also views the payment page
        assertThat(shop.track("""
                [{"event": "$WebClick", "anonymous_id": "u1", "properties": {"$url": "https://shop.example/p/lut", "$element_selector": "#buy-now", "$element_content": "立即购买"}},
                 {"event": "$WebClick", "anonymous_id": "u2", "properties": {"$url": "https://shop.example/p/font", "$element_selector": "#buy-now", "$element_content": "立即购买"}},
                 {"event": "$WebClick", "anonymous_id": "u3", "properties": {"$url": "https://shop.example/p/lut", "$element_selector": "button.btn-share", "$element_content": "分享"}},
                 {"event": "$pageview", "anonymous_id": "u1", "properties": {"$url": "https://shop.example/pay/confirm?order=1"}}]""")
                .status()).isEqualTo(200);
    }

    private static final String BUY_CLICK = """
            {"name": "buy_click", "display_name": {"zh": "点击立即购买", "en": "Buy click"},
             "rules": [{"events": ["$WebClick"], "conditions": [{"field": "element_selector", "op": "equals", "value": "#buy-now"}]}]}""";

    private JsonNode trend(String event) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Shop.Response r = shop.post("/query/trend", "{\"event\": \"" + event + "\", \"from\": \"" + today.minusDays(1) + "\", \"to\": \""
                + today.plusDays(1) + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.body();
    }

    @Test
    void anAnalysisUsesTheCurrentVersionAndSaysWhichWhenTheDefinitionChanges() throws Exception {
        Shop.Response created = shop.post("/virtual-events", BUY_CLICK);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().path("version").asInt()).isEqualTo(1);

        JsonNode v1 = trend("buy_click");
        assertThat(v1.path("series").path(0).path("total").asDouble()).isEqualTo(2.0);
        assertThat(v1.path("virtual_events").path(0).path("name").asString()).isEqualTo("buy_click");
        assertThat(v1.path("virtual_events").path(0).path("version").asInt()).isEqualTo(1);

        // version 2 counts every click on a product page instead
        Shop.Response updated = shop.put("/virtual-events/buy_click", """
                {"display_name": {"zh": "商品页点击", "en": "Product page click"},
                 "rules": [{"events": ["$WebClick"], "conditions": [{"field": "url", "op": "glob", "value": "https://shop.example/p/*"}]}]}""");
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        // saving it made the server remember the URL condition's matches (p/lut and p/font), so that even the
        // first analysis tests only URLs stored after the save
        try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(
                "SELECT count(*) FROM event_url_matches WHERE match_key = 'glob https://shop.example/p/*'")) {
            rs.next();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(2);
        }
        JsonNode v2 = trend("buy_click");
        assertThat(v2.path("series").path(0).path("total").asDouble()).isEqualTo(3.0);
        assertThat(v2.path("virtual_events").path(0).path("version").asInt()).isEqualTo(2);
        assertThat(v2.path("virtual_events").path(0).path("saved_at").asString()).isNotEqualTo(v1.path("virtual_events").path(0).path("saved_at").asString());
        JsonNode one = shop.get("/virtual-events/buy_click").body();
        assertThat(one.path("version").asInt()).isEqualTo(2);
        assertThat(one.path("versions")).extracting(n -> n.path("version").asInt()).containsExactly(2, 1);
        assertThat(one.path("versions").path(0).path("saved_by").asString()).isEqualTo("secret-key:" + shop.id);
        JsonNode first = shop.get("/virtual-events/buy_click/versions/1").body();
        assertThat(first.path("rules").path(0).path("conditions").path(0).path("value").asString()).isEqualTo("#buy-now");

        // an analysis of a real event names no definitions
        assertThat(trend("$WebClick").path("virtual_events").size()).isZero();
    }

    @Test
    void funnelsAndPathsTakeVirtualEvents() {
        shop.post("/virtual-events", BUY_CLICK);
        shop.post("/virtual-events", """
                {"name": "pay_page", "rules": [{"events": ["$pageview"], "conditions": [{"field": "url", "op": "contains", "value": "/pay/confirm"}]}]}""");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Shop.Response funnel = shop.post("/query/funnel", "{\"steps\": [{\"event\": \"buy_click\"}, {\"event\": \"pay_page\"}], \"from\": \""
                + today.minusDays(1) + "\", \"to\": \"" + today.plusDays(1) + "\"}");
        assertThat(funnel.status()).as(funnel.text()).isEqualTo(200);
        assertThat(funnel.body().path("groups").path(0).path("steps")).extracting(s -> s.path("persons").asLong()).containsExactly(2L, 1L);
        assertThat(funnel.body().path("virtual_events")).extracting(v -> v.path("name").asString()).containsExactly("buy_click", "pay_page");
    }

    @Test
    void segmentsCountThePersonsWhoDidAVirtualEventWithItsCurrentVersion() {
        shop.post("/virtual-events", BUY_CLICK);
        String segment = "{\"definition\": {\"type\": \"event\", \"event\": \"buy_click\", \"period\": {\"last_days\": 7}}}";
        Shop.Response r = shop.post("/segments/preview", segment);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().path("persons").asLong()).isEqualTo(2); // u1, u2
        shop.put("/virtual-events/buy_click", """
                {"rules": [{"events": ["$WebClick"], "conditions": [{"field": "element_text", "op": "equals", "value": "分享"}]}]}""");
        assertThat(shop.post("/segments/preview", segment).body().path("persons").asLong()).isEqualTo(1); // u3
    }

    @Test
    void previewCountsADraftPerDayWithSamples() {
        Shop.Response r = shop.post("/virtual-events/preview?days=3&samples=5", BUY_CLICK);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().path("events").asLong()).isEqualTo(2);
        assertThat(r.body().path("persons").asLong()).isEqualTo(2);
        assertThat(r.body().path("daily").size()).isEqualTo(3);
        assertThat(r.body().path("samples")).extracting(s -> s.path("element_selector").asString()).containsOnly("#buy-now");
        assertThat(shop.get("/virtual-events").body().path("virtual_events").size()).as("a preview saves nothing").isZero();
    }

    @Test
    void archivingKeepsHistoryAndTheNameCanComeBack() {
        shop.post("/virtual-events", BUY_CLICK);
        Shop.Response archived = shop.delete("/virtual-events/buy_click");
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.body().path("archived").asBoolean()).isTrue();
        assertThat(shop.get("/virtual-events").body().path("virtual_events").size()).isZero();
        assertThat(shop.get("/virtual-events?archived=true").body().path("virtual_events").size()).isEqualTo(1);
        assertThat(trend("buy_click").path("virtual_events").size()).as("analyses no longer know the name").isZero();
        assertThat(shop.put("/virtual-events/buy_click", BUY_CLICK).status()).isEqualTo(404);
        Shop.Response back = shop.post("/virtual-events", BUY_CLICK);
        assertThat(back.status()).isEqualTo(201);
        assertThat(back.body().path("version").asInt()).isEqualTo(3);
    }

    @Test
    void refusesClashesNestingAndBadDefinitionsNamingTheField() {
        shop.post("/virtual-events", BUY_CLICK);
        Shop.Response twice = shop.post("/virtual-events", BUY_CLICK);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().path("error").path("code").asString()).isEqualTo("virtual_event_exists");

        shop.track("{\"event\": \"coupon_used\", \"anonymous_id\": \"a1\"}");
        Shop.Response real = shop.post("/virtual-events", "{\"name\": \"coupon_used\", \"rules\": [{\"events\": [\"$WebClick\"]}]}");
        assertThat(real.status()).isEqualTo(409);
        assertThat(real.body().path("error").path("code").asString()).isEqualTo("name_taken");

        Shop.Response nested = shop.post("/virtual-events", "{\"name\": \"outer\", \"rules\": [{\"events\": [\"buy_click\"]}]}");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.body().path("error").path("field").asString()).isEqualTo("rules[0].events[0]");

        Shop.Response regex = shop.post("/virtual-events", """
                {"name": "bad", "rules": [{"events": ["$pageview"], "conditions": [{"field": "url", "op": "regex", "value": "(?<=x)y"}]}]}""");
        assertThat(regex.status()).isEqualTo(400);
        assertThat(regex.body().path("error").path("code").asString()).isEqualTo("invalid_definition");
        assertThat(regex.body().path("error").path("field").asString()).isEqualTo("rules[0].conditions[0].value");

        Shop.Response renamed = shop.put("/virtual-events/buy_click", "{\"name\": \"other\", \"rules\": [{\"events\": [\"$WebClick\"]}]}");
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(shop.getWith("/virtual-events", "Bearer wrong").status()).isEqualTo(401);
    }

    @Test
    void hostileValuesAreMatchedAsTextAndNothingElse() {
        String hostile = "x'); DROP TABLE events; --";
        shop.track("{\"event\": \"$WebClick\", \"anonymous_id\": \"h1\", \"properties\": {\"$element_selector\": \"x'); DROP TABLE events; --\"}}");
        Shop.Response r = shop.post("/virtual-events", "{\"name\": \"hostile\", \"rules\": [{\"events\": [\"$WebClick\"], "
                + "\"conditions\": [{\"field\": \"element_selector\", \"op\": \"equals\", \"value\": \"" + hostile + "\"}]}]}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(trend("hostile").path("series").path(0).path("total").asDouble()).isEqualTo(1.0);
        assertThat(trend("$WebClick").path("series").path(0).path("total").asDouble()).as("the events are all still there").isEqualTo(4.0);
        Shop.Response smuggled = shop.post("/query/trend", "{\"event\": \"buy_click\", \"$virtual_events\": {\"buy_click\": {}}, "
                + "\"from\": \"2026-11-01\", \"to\": \"2026-11-02\"}");
        assertThat(smuggled.status()).as("a client cannot fill the server's scope").isEqualTo(200);
    }
}
